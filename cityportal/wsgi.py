import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityportal.settings.production")
django_application = get_wsgi_application()

# Published pages are answered from their files, before Django (docs/publishing.md).
from cityportal.publishing.serving import wrap  # noqa: E402

application = wrap(django_application)

# Load jieba's dictionary while the worker boots, not during a visitor's first search.
from cityportal.search.segmentation import warm_up  # noqa: E402

warm_up()

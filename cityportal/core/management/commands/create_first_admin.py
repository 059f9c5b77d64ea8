"""Creates the first administrator with a generated password, once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "If no administrator exists, creates one with a random password and prints it. "
        "Does nothing when an administrator already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@localhost")
        parser.add_argument("--admin-url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username: str, email: str, admin_url: str, **options):
        users = get_user_model()
        existing = users.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"An administrator already exists. Sign in at {admin_url} (forgotten the password? "
                f"run: .venv/bin/python manage.py changepassword {existing.get_username()})"
            )
            return
        if users.objects.filter(**{users.USERNAME_FIELD: username}).exists():
            raise CommandError(
                f"A user named {username!r} exists but is not an administrator. Choose another "
                "name with --username, or make that user a superuser in the admin."
            )
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email=email, password=password)
        banner = "=" * 64
        self.stdout.write(
            f"{banner}\nAdministrator created (shown only this once):\n"
            f"  admin URL: {admin_url}\n  username:  {username}\n  password:  {password}\n{banner}"
        )

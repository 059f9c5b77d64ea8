from django.core.management import BaseCommand, call_command

from cityportal.demo.loader import load_demo


class Command(BaseCommand):
    help = "Loads the Hengyang demo site (idempotent: does nothing if it is already there)."

    def handle(self, *args, **options):
        created = load_demo(progress=lambda line: self.stdout.write(line))
        if created:
            self.stdout.write("Building the search index…")
            call_command("update_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Search index built."))

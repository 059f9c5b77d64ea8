from django.core.management import BaseCommand, CommandError

from cityportal.demo.bulk import BATCH_SIZE, DEFAULT_SEED, NoDemoSite, generate_sample_items


class Command(BaseCommand):
    help = (
        "Adds N deterministic sample items (marked “[Sample]”) to the loaded demo site, spread "
        "evenly over the channels that list their own items, and adds them to the search index. "
        "For benchmark sites: the same seed on the same site gives the same items."
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, required=True, help="How many items to add, e.g. 10000")
        parser.add_argument("--seed", default=DEFAULT_SEED, help=f"Generator seed (default {DEFAULT_SEED!r})")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Items written and indexed per batch; progress is shown after each (default {BATCH_SIZE})",
        )

    def handle(self, *args, items: int, seed: str, batch_size: int, **options):
        if items < 1:
            raise CommandError("--items must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            result = generate_sample_items(
                items, seed=seed, batch_size=batch_size, progress=lambda line: self.stdout.write(line)
            )
        except NoDemoSite as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {result.created:,} sample items to {result.channels} channels in "
                f"{result.seconds:.1f} s (writing {result.seconds_writing:.1f} s, "
                f"indexing {result.seconds_indexing:.1f} s)."
            )
        )

"""Every approval declares conflicts of interest ("none", or what the member declared); the
approvals made before were filled in by 0007."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reviews", "0006_specialties_and_checklist")]

    operations = [
        migrations.AddConstraint(
            model_name='reviewdecision',
            constraint=models.CheckConstraint(condition=models.Q(('outcome', 'request_changes'), models.Q(('conflict_of_interest', ''), _negated=True), _connector='OR'), name='approval_declares_conflicts'),
        ),
    ]

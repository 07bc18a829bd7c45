from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_admin_search_trigram"),
    ]

    operations = [
        migrations.RenameField(model_name="publication", old_name="review_state", new_name="review_step"),
        migrations.AlterField(
            model_name="publication",
            name="review_step",
            field=models.CharField(
                choices=[("submitted", "Submitted"), ("under_review", "Under review"), ("approved", "Approved")],
                help_text="The review step readers see in the status tracker.",
                max_length=30,
            ),
        ),
    ]

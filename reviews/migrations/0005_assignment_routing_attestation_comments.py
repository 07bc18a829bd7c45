"""Assignment and routing, the approval checklist, disclosures, comments on passages (issue 10).

The check that every approval declares conflicts comes in 0008, after 0007 fills in the approvals made before."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_publication_expiry'),
        ('personalization', '0001_initial'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        ('reviews', '0004_review_schedule'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Assignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision_id', models.PositiveBigIntegerField(help_text='The pinned revision this assignment is for.')),
                ('state', models.CharField(choices=[('active', 'Assigned'), ('declined', 'Declined'), ('replaced', 'Replaced'), ('completed', 'Decided'), ('closed', 'Closed without a decision')], default='active', max_length=20, verbose_name='state')),
                ('assigned_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='assigned')),
                ('due_at', models.DateTimeField(verbose_name='due')),
                ('reason', models.CharField(blank=True, max_length=300, verbose_name='why this reviewer')),
                ('decline_reason', models.TextField(blank=True, verbose_name='reason for declining')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                ('reminded_before_at', models.DateTimeField(blank=True, null=True)),
                ('reminded_due_at', models.DateTimeField(blank=True, null=True)),
                ('escalated_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'assignment',
                'verbose_name_plural': 'assignments',
                'ordering': ['assigned_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='AttestationItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=300, unique=True, verbose_name='statement')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
            ],
            options={
                'verbose_name': 'approval checklist item',
                'verbose_name_plural': 'approval checklist',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='PassageComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision_id', models.PositiveBigIntegerField(help_text='The pinned revision the comment was made on.')),
                ('quote', models.TextField(blank=True, max_length=1000, verbose_name='passage')),
                ('prefix', models.CharField(blank=True, max_length=200)),
                ('suffix', models.CharField(blank=True, max_length=200)),
                ('section_index', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('section', models.CharField(blank=True, max_length=300, verbose_name='section')),
                ('body', models.TextField(max_length=5000, verbose_name='comment')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent to the editor')),
                ('reply', models.TextField(blank=True, verbose_name='reply')),
                ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved')),
            ],
            options={
                'verbose_name': 'comment on a passage',
                'verbose_name_plural': 'comments on passages',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Specialty',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, unique=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
            ],
            options={
                'verbose_name': 'specialty',
                'verbose_name_plural': 'specialties',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='TopicRouting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_days', models.PositiveSmallIntegerField(blank=True, help_text="Empty: the site's default (REVIEW_TURNAROUND_DAYS).", null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(365)], verbose_name='days to review')),
            ],
            options={
                'verbose_name': 'topic routing',
                'verbose_name_plural': 'topic routing',
            },
        ),
        migrations.AlterModelOptions(
            name='reviewrequest',
            options={'ordering': ['-submitted_at'], 'permissions': [('decide_reviewrequest', 'Can review and decide on review requests'), ('assign_reviewrequest', 'Can assign and reassign reviewers'), ('view_review_report', "Can see the board's turnaround report")], 'verbose_name': 'review request', 'verbose_name_plural': 'review requests'},
        ),
        migrations.AddField(
            model_name='auditentry',
            name='details',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='boardmember',
            name='disclosure',
            field=models.TextField(blank=True, help_text='Financial or other interests, shown on the advisory-board page. Empty: none declared.', max_length=2000, verbose_name='disclosure of interests'),
        ),
        migrations.AddField(
            model_name='boardmember',
            name='disclosure_updated_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='disclosure updated'),
        ),
        migrations.AddField(
            model_name='reviewdecision',
            name='attested_items',
            field=models.JSONField(blank=True, default=list, verbose_name='attested'),
        ),
        migrations.AddField(
            model_name='reviewdecision',
            name='conflict_of_interest',
            field=models.TextField(blank=True, verbose_name='conflict of interest'),
        ),
        migrations.AddField(
            model_name='reviewdecision',
            name='reference_snapshot',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='reviewrequest',
            name='kind',
            field=models.CharField(choices=[('submission', 'Submitted by an editor'), ('rereview', 'Re-review opened by the schedule')], default='submission', max_length=20, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='reviewrequest',
            name='rereview_reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='re-review because'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='boardmember',
            name='specialty',
            field=models.CharField(help_text='The line readers see, for example “Internal medicine”. Routing uses “specialties” below.', max_length=120, verbose_name='specialty, as shown'),
        ),
        migrations.AlterField(
            model_name='reviewrequest',
            name='submitted_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='auditentry',
            constraint=models.CheckConstraint(condition=models.Q(('actor__isnull', False), ('transition__in', ('assign', 'remind', 'escalate', 'rereview')), _connector='OR'), name='audit_actor_unless_system'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='assigned_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='assignment',
            name='decision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reviews.reviewdecision'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='reviews.reviewrequest'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='reviewer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='review_assignments', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='passagecomment',
            name='audience',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='personalization.audience'),
        ),
        migrations.AddField(
            model_name='passagecomment',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='passagecomment',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='reviews.reviewrequest'),
        ),
        migrations.AddField(
            model_name='passagecomment',
            name='resolved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='boardmember',
            name='specialties',
            field=models.ManyToManyField(blank=True, help_text='Topics routed to any of these specialties are assigned to this member.', related_name='members', to='reviews.specialty', verbose_name='specialties'),
        ),
        migrations.AddField(
            model_name='topicrouting',
            name='specialties',
            field=models.ManyToManyField(blank=True, related_name='routings', to='reviews.specialty', verbose_name='specialties'),
        ),
        migrations.AddField(
            model_name='topicrouting',
            name='topic',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='review_routing', to='articles.topic', verbose_name='topic'),
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(fields=['state', 'due_at'], name='reviews_ass_state_a6ed0b_idx'),
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(fields=['reviewer', 'state'], name='reviews_ass_reviewe_4ce5c6_idx'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'active')), fields=('request', 'reviewer'), name='one_active_assignment_per_reviewer'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'declined'), _negated=True), models.Q(('decline_reason', ''), _negated=True), _connector='OR'), name='declining_needs_a_reason'),
        ),
        migrations.AddConstraint(
            model_name='passagecomment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('quote', ''), _negated=True), ('section_index__isnull', False), _connector='OR'), name='comment_has_an_anchor'),
        ),
        migrations.AddConstraint(
            model_name='passagecomment',
            constraint=models.CheckConstraint(condition=models.Q(('resolved_at__isnull', True), models.Q(('reply', ''), _negated=True), _connector='OR'), name='resolution_has_a_reply'),
        ),
    ]

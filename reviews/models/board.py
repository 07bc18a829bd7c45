"""The Medical Advisory Board: its members, their specialties, which topics go to which
specialties, and the checklist a member attests to when approving."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DECIDE_PERMISSION = ("reviews", "decide_reviewrequest")


class Specialty(models.Model):
    """A medical specialty; board members have some, topics are routed to some."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")

    def __str__(self) -> str:
        return self.name


class BoardMemberQuerySet(models.QuerySet):
    def active(self) -> "BoardMemberQuerySet":
        return self.filter(active=True)

    def may_decide(self) -> "BoardMemberQuerySet":
        """Active members whose account is active and holds the board's permission (directly, through
        a group, or as a superuser): the query form of ``membership_of``. A subquery, so that
        annotations on the result are not multiplied by the permission joins."""
        app_label, codename = DECIDE_PERMISSION
        holds = (
            Q(user__is_superuser=True)
            | Q(user__user_permissions__content_type__app_label=app_label, user__user_permissions__codename=codename)
            | Q(
                user__groups__permissions__content_type__app_label=app_label,
                user__groups__permissions__codename=codename,
            )
        )
        eligible = BoardMember.objects.filter(holds, active=True, user__is_active=True).values("pk")
        return self.filter(pk__in=eligible)

    def membership_of(self, user) -> "BoardMember | None":
        """The one rule of board membership: an active member whose account may decide requests.

        Reads through ``user.board_member``, which Django caches on the user object, so a view
        and the service it calls check membership with one query between them.
        """
        if user is None or not user.is_authenticated or not user.has_perm("reviews.decide_reviewrequest"):
            return None
        try:
            member = user.board_member
        except BoardMember.DoesNotExist:
            return None
        return member if member.active else None


class BoardMember(models.Model):
    """A credentialed reviewer on the Medical Advisory Board."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_member")
    display_name = models.CharField(_("display name"), max_length=120, help_text=_("For example “Dr Amara Okafor”."))
    credentials = models.CharField(_("credentials"), max_length=80, help_text=_("For example “MD, PhD”."))
    specialty = models.CharField(
        _("specialty, as shown"),
        max_length=120,
        help_text=_("The line readers see, for example “Internal medicine”. Routing uses “specialties” below."),
    )
    specialties = models.ManyToManyField(
        Specialty,
        blank=True,
        related_name="members",
        verbose_name=_("specialties"),
        help_text=_("Topics routed to any of these specialties are assigned to this member."),
    )
    bio = models.TextField(_("short biography"), max_length=1200, blank=True)
    disclosure = models.TextField(
        _("disclosure of interests"),
        max_length=2000,
        blank=True,
        help_text=_("Financial or other interests, shown on the advisory-board page. Empty: none declared."),
    )
    disclosure_updated_at = models.DateTimeField(_("disclosure updated"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = BoardMemberQuerySet.as_manager()

    class Meta:
        ordering = ["order", "display_name"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")

    def __str__(self) -> str:
        return f"{self.display_name}, {self.credentials}"

    @property
    def anchor(self) -> str:
        """The id of this member's entry on the advisory-board page."""
        return f"member-{self.pk}"


class TopicRouting(models.Model):
    """Which specialties review a topic's articles, and (optionally) how many days they have."""

    topic = models.OneToOneField(
        "articles.Topic", on_delete=models.CASCADE, related_name="review_routing", verbose_name=_("topic")
    )
    specialties = models.ManyToManyField(Specialty, blank=True, related_name="routings", verbose_name=_("specialties"))
    due_days = models.PositiveSmallIntegerField(
        _("days to review"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Empty: the site's default (REVIEW_TURNAROUND_DAYS)."),
    )

    class Meta:
        verbose_name = _("topic routing")
        verbose_name_plural = _("topic routing")

    def __str__(self) -> str:
        return str(self.topic)


class AttestationItemQuerySet(models.QuerySet):
    def active(self) -> "AttestationItemQuerySet":
        return self.filter(active=True).order_by("order", "pk")


class AttestationItem(models.Model):
    """One statement a board member confirms when approving (the chief editor keeps the list)."""

    text = models.CharField(_("statement"), max_length=300, unique=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AttestationItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("approval checklist item")
        verbose_name_plural = _("approval checklist")

    def __str__(self) -> str:
        return self.text

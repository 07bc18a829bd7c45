"""Who an article speaks to: audiences, with their disclaimers."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AudienceQuerySet(models.QuerySet):
    def default(self) -> "Audience | None":
        return self.filter(is_default=True).first()


class Audience(models.Model):
    """A group of readers (professional, patient, student) with its own body and disclaimer."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("Shown in the “Which best describes you?” chooser.")
    )
    disclaimer_title = models.CharField(_("disclaimer title"), max_length=120)
    disclaimer_text = models.TextField(_("disclaimer text"))
    target_grade = models.DecimalField(
        _("target reading grade"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("US school grade the body should not exceed (Flesch-Kincaid); empty for no target."),
    )
    is_default = models.BooleanField(_("default audience"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AudienceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "label"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_audience"),
        ]

    def __str__(self) -> str:
        return self.label

"""Background jobs of the accounts: password-reset mail, with the same retries as every notification."""

from django.core.mail import EmailMessage
from django_tasks import task

from reviews.tasks import deliver_with_retries


@task()
def send_account_mail(subject: str, body: str, to: str, *, attempt: int = 1) -> int:
    """Send one account mail (a password-reset link); if the mail server fails, try again later.
    The log names the recipient, never the body: it carries a link that signs the person in."""

    def send(subject: str, body: str, to: str) -> int:
        return EmailMessage(subject=subject, body=body, to=[to]).send()

    return deliver_with_retries(send_account_mail, send, (subject, body, to), attempt, label=f"account mail to {to}")

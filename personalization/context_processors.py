from django.http import HttpRequest

from .selectors import audience_for_request


def audiences(request: HttpRequest) -> dict:
    """The audience chooser in the header needs the list and the current choice, lazily."""

    def current():
        return audience_for_request(request)

    def all_audiences():
        current()
        return request._audiences

    return {"audience_choices": all_audiences, "current_audience": current}

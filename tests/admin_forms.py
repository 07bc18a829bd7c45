"""Build the POST data a browser would send from an admin change form, for tests."""


def _value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return value


def changeform_data(response) -> dict:
    """The fields of the admin change form in ``response`` with their current values."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = _value(form[name])
        if value is False:
            continue
        data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for sub in formset.forms:
            for name in sub.fields:
                value = _value(sub[name])
                if value is False:
                    continue
                data[sub.add_prefix(name)] = value
    return {k: v for k, v in data.items() if v is not None}

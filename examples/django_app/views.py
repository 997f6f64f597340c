from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from examples.django_app.forms import ResidentForm


def apply(request: HttpRequest) -> HttpResponse:
    """The HTML form: shown on GET, shown again with the errors on an invalid POST."""
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # data["my_number"] is a MyNumber: store it encrypted (see the security page);
        # data["my_number"].reveal() is the one explicit way to get its digits.
        return render(request, "done.html", {"name": data["name"]})
    status = 400 if form.is_bound else 200
    return render(request, "apply.html", {"form": form}, status=status)


def apply_api(request: HttpRequest) -> JsonResponse:
    """The same form for a script: errors as JSON with our codes and localised messages."""
    form = ResidentForm(request.POST)
    if not form.is_valid():
        return JsonResponse(
            {"errors": form.errors.get_json_data()},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    data = form.cleaned_data
    return JsonResponse(
        {
            "name": data["name"],
            "name_kana": data["name_kana"],
            "birth_date": data["birth_date"].isoformat(),
            "postal_code": data["postal_code"],
            "phone": data["phone"].e164,
            "my_number_given": data["my_number"] is not None,
        },
        json_dumps_params={"ensure_ascii": False},
    )

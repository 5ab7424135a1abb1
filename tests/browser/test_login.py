import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_signs_in_and_reaches_home_by_keyboard_skip_link(page, login, delegado):
    login("delegado")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bienvenido")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal")
    assert skip.evaluate("el => el === document.activeElement")
    skip.press("Enter")
    assert page.evaluate("location.hash") == "#contenido"

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_searches_from_the_header_with_the_keyboard_only(page, login, secretaria):
    factories.AcuerdoFactory(titulo="Plan contra el absentismo escolar")
    login("secretaria")
    search_box = page.get_by_role("search", name="Buscar en el portal").get_by_label("Buscar")
    search_box.focus()
    page.keyboard.type("absentismos")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buscar/?q=absentismos")
    assert page.get_by_role("heading", level=1).inner_text() == "Buscar"
    assert "1 resultado" in page.get_by_role("status").first.inner_text()
    group = page.get_by_role("region", name="Acuerdos")
    assert group.locator("mark").first.inner_text().lower().startswith("absentismo")

"""Password rules (ASVS 2.1): at least 12 characters, not a common password."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize("password", ["Corta-123", "x" * 11])
def test_a_password_shorter_than_12_characters_is_refused(password):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any(e.code == "password_too_short" for e in error.value.error_list)


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop123"])
def test_a_common_password_is_refused(password):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any(e.code == "password_too_common" for e in error.value.error_list)


def test_a_long_uncommon_passphrase_is_accepted():
    validate_password("farola-naranja-en-el-distrito-sur")

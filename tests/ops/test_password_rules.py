"""Django's four password rules hold wherever a password is chosen, each refusing in Chinese."""

from __future__ import annotations

import re

from django.contrib.auth.password_validation import (
    get_default_password_validators,
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.orgs.models import Role, User

ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


class PasswordRulesTestCase(BaseTestCase):
    def create(self, password: str, username: str = "zhouxin"):  # type: ignore[no-untyped-def]
        self.login(self.office)
        data = {"username": username, "display_name": "周新", "password": password}
        data |= {"organisation": self.unit.pk, "role": Role.MEMBER}
        return self.client.post(reverse("orgs:person_create"), data)

    def refusal(self, password: str, user: User | None = None) -> str:
        with self.assertRaises(ValidationError) as caught:
            validate_password(password, user)
        return "；".join(caught.exception.messages)

    def test_all_four_rules_are_on(self) -> None:
        names = [type(v).__name__ for v in get_default_password_validators()]
        self.assertEqual(
            names,
            [
                "UserAttributeSimilarityValidator",
                "MinimumLengthValidator",
                "CommonPasswordValidator",
                "NumericPasswordValidator",
            ],
        )

    def test_a_short_password_is_refused_in_chinese(self) -> None:
        self.assertEqual(self.refusal("Zx9#q"), "密码太短，至少需要 8 个字符。")

    def test_a_common_password_is_refused_in_chinese(self) -> None:
        self.assertContains(self.create("password123"), "这个密码太常见了", status_code=400)
        self.assertFalse(User.objects.filter(username="zhouxin").exists())

    def test_a_password_of_digits_is_refused_in_chinese(self) -> None:
        self.assertIn("密码只包含数字", self.refusal("73910264518"))

    def test_a_password_like_the_username_is_refused_in_chinese(self) -> None:
        response = self.create("zhouxin2024", username="zhouxin2024")
        self.assertContains(response, "太相似", status_code=400)

    def test_every_message_and_help_text_is_chinese(self) -> None:
        person = User(username="zhouxin", display_name="周新")
        for password in ("zhouxin", "abc", "123456", "98765432101"):
            self.assertIsNone(
                ASCII_WORD.search(self.refusal(password, person).replace("zhouxin", "")), password
            )
        for text in password_validators_help_texts():
            self.assertIsNone(ASCII_WORD.search(text), text)

    def test_a_good_password_is_taken(self) -> None:
        self.assertEqual(self.create("春风化雨-2024-整改").status_code, 302)

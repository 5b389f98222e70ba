"""Gaelic and Polish demo translations, made through wagtail-localize (placeholder until filled)."""


def translate_demo(command, source_locale):
    command.log("  Translations: none yet")

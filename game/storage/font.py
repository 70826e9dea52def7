"""The game's font, named once for the window (game/ui/theme.py) and the HTML report
(reports/style.py), so a report reads like the game: Atkinson Hyperlegible (Braille Institute,
OFL-1.1), read from its installed package, never downloaded."""

FONT_FAMILY = "Atkinson Hyperlegible"
FONT_PACKAGE = "fontpkg_atkinson_hyperlegible"
FONT_FILES = {  # (bold, italic): the file in the package's files/ folder
    (False, False): "AtkinsonHyperlegible-Regular.ttf",
    (True, False): "AtkinsonHyperlegible-Bold.ttf",
    (False, True): "AtkinsonHyperlegible-Italic.ttf",
    (True, True): "AtkinsonHyperlegible-BoldItalic.ttf",
}

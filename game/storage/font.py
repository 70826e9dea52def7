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

# The characters Atkinson Hyperlegible lacks (emoji, symbols, Greek and Cyrillic) come from Noto
# (OFL-1.1) in the `manimgx-fonts` package, tried in this order; files at the package's top level.
STANDIN_PACKAGE = "manimgx_fonts"
STANDIN_FILES = ("NotoEmoji[wght].ttf", "NotoSansSymbols[wght].ttf", "NotoSans[wght].ttf")

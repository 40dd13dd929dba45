// Package assets holds the files embedded in the 赣招 binary: the application icon (designed
// as icon.svg, rendered to icon.png for the window and the Windows package) and the Noto Sans
// SC fonts (SIL Open Font License, fonts/OFL.txt) that render Chinese on a machine with no
// CJK font of its own.
package assets

import _ "embed"

//go:embed icon.png
var iconPNG []byte

// IconPNG returns the 512×512 application icon.
func IconPNG() []byte { return iconPNG }

//go:embed fonts/NotoSansSC-Regular.ttf
var fontRegular []byte

//go:embed fonts/NotoSansSC-Bold.ttf
var fontBold []byte

// FontRegular returns Noto Sans SC Regular (TrueType).
func FontRegular() []byte { return fontRegular }

// FontBold returns Noto Sans SC Bold (TrueType).
func FontBold() []byte { return fontBold }

// Package assets holds the files embedded in the 赣招 binary: the application icon (designed
// as icon.svg, rendered to icon.png for the window and the Windows package).
package assets

import _ "embed"

//go:embed icon.png
var iconPNG []byte

// IconPNG returns the 512×512 application icon.
func IconPNG() []byte { return iconPNG }

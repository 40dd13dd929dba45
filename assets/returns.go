package assets

import (
	"embed"
	"fmt"
)

// The built-in return templates (报表模板), drawn by the generator test of app/returns
// (go test ./app/returns -run TestBuiltinWorkbooks -update) and committed as .xlsx files.
//
//go:embed returns
var returnTemplates embed.FS

// ReturnTemplate returns the built-in return template file with the given name
// (e.g. "schedule-5020.xlsx").
func ReturnTemplate(name string) ([]byte, error) {
	b, err := returnTemplates.ReadFile("returns/" + name)
	if err != nil {
		return nil, fmt.Errorf("内置报表模板 %s 不存在：%w", name, err)
	}
	return b, nil
}

// Package app is the core of 赣招: the ledger's entities, the rules that keep them right
// (stages, 亿元以上 and "5020", validation), the KPIs of a period and the use cases the UI
// and the command line call. It imports neither fyne nor database/sql: it declares the
// small store interfaces it needs in ports.go, and package store satisfies them.
package app

// Package ui is the Fyne desktop window of 赣招: one struct per screen, a navigation table,
// work off the UI goroutine with results brought back through fyne.Do. It talks only to
// package app, never to the store.
package ui

import (
	"context"
	"time"

	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/assets"
)

// Options are the window's settings from the command line.
type Options struct {
	DBPath string
	// StartScreen is the title of the screen shown first (the 工作台 when empty or unknown).
	StartScreen string
	// ChangeDelay is how long screens wait after a change before re-reading, so that a burst
	// of writes costs one re-read. Run sets 400 ms; zero (tests) re-reads at once.
	ChangeDelay time.Duration
	// ReadOnly shows the 只读 banner: the store was opened read-only (the file is damaged).
	ReadOnly bool
	// Recovery, when set, is shown instead of the main window: the database was refused.
	Recovery *Recovery
}

// Run opens the main window and blocks until it is closed.
func Run(l *app.Ledger, opt Options) {
	a := fyneapp.NewWithID("cn.ganzhao.desktop")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG()))
	a.Settings().SetTheme(newTheme())
	useChinese()
	probeStartup(a)
	if opt.ChangeDelay == 0 {
		opt.ChangeDelay = refreshDelay
	}
	if opt.Recovery != nil {
		runRecovery(a, opt)
		return
	}
	w := newMainWindow(a, l, opt, goRunner)
	w.win.Resize(fyne.NewSize(1280, 800))
	notify, stop := context.WithCancel(context.Background())
	defer stop()
	newReminderNotifier(l, time.Now, a.SendNotification).start(notify, goRunner, notifyEvery)
	startDailyBackup(w)
	w.win.ShowAndRun()
}

// runner runs work off the UI goroutine. The app uses goRunner; tests pass one that runs
// inline so that they can assert what the user sees without waiting.
type runner func(work func())

func goRunner(work func()) { go work() }

// screen is one entry of the navigation table: its title and the function that builds its
// content the first time it is shown.
type screen struct {
	title string
	build func() fyne.CanvasObject
}

// mainWindow holds the navigation and the screen shown. Screens get only what they need: the
// window (for dialogs), the ledger and the runner.
type mainWindow struct {
	win      fyne.Window
	ledger   *app.Ledger
	search   *searchBox // the one search box, Ctrl+K
	run      runner
	opt      Options
	screens  []screen
	built    []fyne.CanvasObject
	nav      *widget.List
	content  *fyne.Container
	home     *homeScreen
	list     *projectsScreen
	recycle  *recycleScreen
	settings *settingsScreen
	importer *importScreen
	returns  *returnsScreen

	// The pipeline board, after 项目.
	board *boardScreen

	// The list screens after 项目.
	enterprises *enterprisesScreen
	people      *peopleScreen
	roster      *rosterScreen
	chambers    *chambersScreen
	funds       *fundsScreen
	activities  *activitiesScreen
	tasks       *tasksScreen

	// The drives: 三请三回 events, trips, outreach campaigns.
	events    *eventsScreen
	trips     *tripsScreen
	campaigns *campaignsScreen

	// 查重与合并, before 回收站.
	merge *mergeScreen
}

func newMainWindow(a fyne.App, l *app.Ledger, opt Options, run runner) *mainWindow {
	m := &mainWindow{win: a.NewWindow(fmt.Sprintf("赣招 %s — %s", app.Version, opt.DBPath)), ledger: l, run: run, opt: opt}
	m.home = newHomeScreen(l, run, m.openRecord)
	m.home.followUp = m.openQuickEntryWith
	m.board = newBoardScreen(m.win, l, run, m.openRecord)
	m.home.changes.delay, m.board.changes.delay = opt.ChangeDelay, opt.ChangeDelay
	lists := listEnv{win: m.win, ledger: l, run: run, open: m.openRecord, changeDelay: opt.ChangeDelay}
	m.list = newProjectsScreen(lists)
	m.enterprises, m.people, m.chambers = newEnterprisesScreen(lists), newPeopleScreen(lists), newChambersScreen(lists)
	m.funds, m.activities, m.tasks = newFundsScreen(lists), newActivitiesScreen(lists), newTasksScreen(lists)
	m.events, m.trips, m.campaigns = newEventsScreen(lists), newTripsScreen(lists), newCampaignsScreen(lists)
	m.roster = newRosterScreen(lists)
	m.recycle = newRecycleScreen(l, run)
	m.recycle.changes.delay = opt.ChangeDelay
	m.merge = newMergeScreen(m.win, l, run, m.openRecord)
	m.settings = newSettingsScreen(m.win, l, run, opt)
	m.importer = newImportScreen(m.win, l, run)
	m.returns = newReturnsScreen(m.win, l, run)
	m.screens = m.navigation()
	m.built = make([]fyne.CanvasObject, len(m.screens))
	m.content = container.NewStack()
	m.nav = widget.NewList(
		func() int { return len(m.screens) },
		func() fyne.CanvasObject { return widget.NewLabel("赣籍企业家与人脉") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(m.screens[i].title) },
	)
	m.nav.OnSelected = func(i widget.ListItemID) { m.showScreen(i) }
	split := container.NewHSplit(m.nav, m.content)
	split.Offset = 0.14
	if opt.ReadOnly {
		m.win.SetContent(container.NewBorder(readOnlyBanner(), nil, nil, nil, split))
	} else {
		m.win.SetContent(split)
	}
	m.nav.Select(0)
	if opt.StartScreen != "" {
		m.showTitle(opt.StartScreen)
	}
	m.addQuickEntry()
	m.search = newSearchBox(m.win, l, run, m.openSearchHit)
	m.win.Canvas().AddShortcut(searchShortcut, func(fyne.Shortcut) { m.search.open() })
	return m
}

// navigation is the table of screens in the order the navigation lists them.
func (m *mainWindow) navigation() []screen {
	return []screen{
		{"工作台", m.home.content},
		{"项目", m.list.content},
		{"项目看板", m.board.content},
		{"目标企业", m.enterprises.content},
		{"赣籍企业家与人脉", m.people.content},
		{"重点三友名录", m.roster.content},
		{"商会", m.chambers.content},
		{"基金", m.funds.content},
		{"跟进记录", m.activities.content},
		{"任务", m.tasks.content},
		{"三请三回活动", m.events.content},
		{"出差", m.trips.content},
		{"联络活动", m.campaigns.content},
		{"报表", m.returns.content},
		{"导入", m.importer.content},
		{"查重与合并", m.merge.content},
		{"回收站", m.recycle.content},
		{"设置", m.settings.content},
	}
}

// showScreen shows the i-th screen, building it on first use.
func (m *mainWindow) showScreen(i int) {
	if m.built[i] == nil {
		m.built[i] = m.screens[i].build()
	}
	m.content.Objects = []fyne.CanvasObject{m.built[i]}
	m.content.Refresh()
}

// showTitle selects the screen with the given title in the navigation.
func (m *mainWindow) showTitle(title string) {
	for i, s := range m.screens {
		if s.title == title {
			m.nav.Select(i)
			return
		}
	}
}

// openRecord shows a record's detail page. The detail pages live in detail.go.
func (m *mainWindow) openRecord(kind app.EntityKind, id string) {
	m.showDetail(kind, id)
}

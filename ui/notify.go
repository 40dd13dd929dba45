package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"ganzhao/app"
)

// notifyEvery is how often the running app looks whether a new day has begun, to send that
// day's summary of reminders.
const notifyEvery = 30 * time.Minute

// reminderNotifier sends a desktop notification summing up the reminders ("3 项逾期任务，2 位快要
// 失联 …") when the app starts and once a day while it runs. The clock, the reminders and the
// sender are injected, so that tests drive it day by day.
type reminderNotifier struct {
	now       func() time.Time
	reminders func(ctx context.Context) (app.Reminders, error)
	send      func(*fyne.Notification)

	mu   sync.Mutex
	last app.Date // the day a summary was last made
}

func newReminderNotifier(l *app.Ledger, now func() time.Time, send func(*fyne.Notification)) *reminderNotifier {
	return &reminderNotifier{now: now, reminders: l.Reminders, send: send}
}

// check sends the day's summary unless it was already made today; nothing is sent on a day
// with nothing to remind of. It reports whether it sent one.
func (n *reminderNotifier) check(ctx context.Context) (bool, error) {
	today := app.DateOf(n.now().Local())
	n.mu.Lock()
	done := n.last == today
	n.mu.Unlock()
	if done {
		return false, nil
	}
	r, err := n.reminders(ctx)
	if err != nil {
		return false, err
	}
	n.mu.Lock()
	n.last = today
	n.mu.Unlock()
	if r.Empty() {
		return false, nil
	}
	n.send(fyne.NewNotification("赣招 · 今日提醒", r.Summary()+"。打开“工作台”查看。"))
	return true, nil
}

// start checks at once and then every interval until ctx ends, through the runner (off the UI
// goroutine: reading the reminders queries the database, and sending talks to the desktop).
func (n *reminderNotifier) start(ctx context.Context, run runner, every time.Duration) {
	run(func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			if _, err := n.check(ctx); err != nil && ctx.Err() == nil {
				fyne.LogError("提醒通知", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	})
}

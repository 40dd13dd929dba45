package app

import (
	"context"
	"time"
)

// The store interfaces app needs. Package store implements them on SQLite. Every write runs
// in one transaction and records an audit row per changed field; updates are optimistic:
// the record's UpdatedAt as it was read is passed as `read`, and a record changed since then
// gives ErrConflict. Reads of a missing ID give ErrNotFound; lists skip the recycle bin.

// EnterpriseFilter narrows a list of enterprises.
type EnterpriseFilter struct {
	Query    string   // substring of the name or credit code
	Priority Priority // only targets of this priority
	Category string   // only enterprises tagged with this category
	Limit    int      // 0 = no limit
}

// PersonFilter narrows a list of people.
type PersonFilter struct {
	Query        string // substring of the name, a phone or the WeChat ID
	Tie          Tie    // only people with this 三友 type
	EnterpriseID string
	ChamberID    string
	Limit        int
}

// ProjectFilter narrows a list of projects.
type ProjectFilter struct {
	Stages     []Stage
	ZoneID     string
	ChainID    string
	InvestorID string
	FundID     string
	Query      string // substring of the name or the code
	Limit      int
}

// ActivityFilter narrows a list of activities to those linked to a record.
type ActivityFilter struct {
	ProjectID    string
	EnterpriseID string
	PersonID     string
	From, To     Date
	Limit        int
}

// TaskFilter narrows a list of tasks.
type TaskFilter struct {
	ProjectID string
	OpenOnly  bool
	Assignee  string
	Limit     int
}

// EnterpriseStore keeps enterprises.
type EnterpriseStore interface {
	CreateEnterprise(ctx context.Context, e Enterprise) error
	UpdateEnterprise(ctx context.Context, e Enterprise, read time.Time) error
	Enterprise(ctx context.Context, id string) (Enterprise, error)
	Enterprises(ctx context.Context, f EnterpriseFilter) ([]Enterprise, error)
}

// PersonStore keeps people and their chamber memberships.
type PersonStore interface {
	CreatePerson(ctx context.Context, p Person) error
	UpdatePerson(ctx context.Context, p Person, read time.Time) error
	Person(ctx context.Context, id string) (Person, error)
	People(ctx context.Context, f PersonFilter) ([]Person, error)
}

// ChamberStore keeps chambers of commerce.
type ChamberStore interface {
	CreateChamber(ctx context.Context, c Chamber) error
	UpdateChamber(ctx context.Context, c Chamber, read time.Time) error
	Chamber(ctx context.Context, id string) (Chamber, error)
	Chambers(ctx context.Context) ([]Chamber, error)
}

// ProjectStore keeps projects with their stage history.
type ProjectStore interface {
	// CreateProject inserts a project and the first entry of its stage history.
	CreateProject(ctx context.Context, p Project, first StageChange) error
	UpdateProject(ctx context.Context, p Project, read time.Time) error
	// ChangeStage saves p, already moved, and appends the change to its history.
	ChangeStage(ctx context.Context, p Project, read time.Time, c StageChange) error
	Project(ctx context.Context, id string) (Project, error)
	Projects(ctx context.Context, f ProjectFilter) ([]Project, error)
	StageHistory(ctx context.Context, projectID string) ([]StageChange, error)
	// ProjectFacts reads what the KPIs need of every live project.
	ProjectFacts(ctx context.Context) ([]ProjectFact, error)
}

// WorkStore keeps tasks, activities and the 到位资金 ledger.
type WorkStore interface {
	CreateTask(ctx context.Context, t Task) error
	UpdateTask(ctx context.Context, t Task, read time.Time) error
	Task(ctx context.Context, id string) (Task, error)
	Tasks(ctx context.Context, f TaskFilter) ([]Task, error)

	CreateActivity(ctx context.Context, a Activity) error
	UpdateActivity(ctx context.Context, a Activity, read time.Time) error
	Activity(ctx context.Context, id string) (Activity, error)
	Activities(ctx context.Context, f ActivityFilter) ([]Activity, error)

	CreateArrival(ctx context.Context, a Arrival) error
	UpdateArrival(ctx context.Context, a Arrival, read time.Time) error
	Arrival(ctx context.Context, id string) (Arrival, error)
	Arrivals(ctx context.Context, projectID string) ([]Arrival, error)
}

// FundStore keeps funds and their investments.
type FundStore interface {
	CreateFund(ctx context.Context, f Fund) error
	UpdateFund(ctx context.Context, f Fund, read time.Time) error
	Fund(ctx context.Context, id string) (Fund, error)
	Funds(ctx context.Context) ([]Fund, error)

	CreateFundInvestment(ctx context.Context, v FundInvestment) error
	UpdateFundInvestment(ctx context.Context, v FundInvestment, read time.Time) error
	FundInvestment(ctx context.Context, id string) (FundInvestment, error)
	FundInvestments(ctx context.Context, fundID string) ([]FundInvestment, error)

	CreateFundLP(ctx context.Context, lp FundLP) error
	UpdateFundLP(ctx context.Context, lp FundLP, read time.Time) error
	FundLP(ctx context.Context, id string) (FundLP, error)
	// FundLPs lists a fund's live LPs, largest commitment first.
	FundLPs(ctx context.Context, fundID string) ([]FundLP, error)
}

// RecycleStore moves records to and from the recycle bin and reads the audit log. Deleting
// keeps every link (activities, memberships, investments) so that restoring brings them back.
type RecycleStore interface {
	SoftDelete(ctx context.Context, kind EntityKind, id, who string, at time.Time) error
	Restore(ctx context.Context, kind EntityKind, id, who string, at time.Time) error
	RecycleBin(ctx context.Context) ([]DeletedRecord, error)
	Audit(ctx context.Context, kind EntityKind, id string) ([]AuditEntry, error)
}

// ReferenceStore keeps the reference data and the settings.
type ReferenceStore interface {
	// ApplyReference applies the sets not yet applied, each in its own transaction, and
	// returns how many it applied.
	ApplyReference(ctx context.Context, sets []ReferenceSet) (int, error)
	Divisions(ctx context.Context) ([]Division, error)
	Zones(ctx context.Context) ([]Zone, error)
	SaveZone(ctx context.Context, z Zone) error
	Chains(ctx context.Context) ([]Chain, error)
	SaveChain(ctx context.Context, c Chain) error
	Vocab(ctx context.Context, kind string) ([]VocabItem, error)
	SaveVocab(ctx context.Context, v VocabItem) error

	Settings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, s Settings, who string, at time.Time) error
}

// Dataset is a batch of records loaded in one transaction (demo data, later imports). IDs
// and Meta are set by the caller; records are inserted as given, without per-field audit.
type Dataset struct {
	Enterprises  []Enterprise
	People       []Person
	Chambers     []Chamber
	Funds        []Fund
	Projects     []Project
	StageChanges []StageChange
	Arrivals     []Arrival
	Tasks        []Task
	Activities   []Activity
	Investments  []FundInvestment
	Trips        []Trip // before Activities, which link them
	Events       []Event
	Campaigns    []Campaign // before Tasks, which link them
	FundLPs      []FundLP
	// Relationships between people of the batch or already stored; not counted by Len.
	Relationships []Relationship
}

// Len is the number of records in the batch, stage history and fund LPs (a fund's roster,
// like a project's history) excluded.
func (d Dataset) Len() int {
	return len(d.Enterprises) + len(d.People) + len(d.Chambers) + len(d.Funds) + len(d.Projects) +
		len(d.Arrivals) + len(d.Tasks) + len(d.Activities) + len(d.Investments) + len(d.Trips) + len(d.Events) + len(d.Campaigns)
}

// BulkStore loads datasets.
type BulkStore interface {
	LoadDataset(ctx context.Context, d Dataset, who string, at time.Time) error
}

// ListStore reads the lean rows the list screens show, for lists of 100 000 records.
type ListStore interface {
	// ProjectRows lists live projects matching f with the names of their zone, chain and
	// investor, most recently changed stage first.
	ProjectRows(ctx context.Context, f ProjectFilter) ([]ProjectRow, error)
	// TaskRows lists live tasks of live projects matching f, with the project's name, in the
	// order of Tasks.
	TaskRows(ctx context.Context, f TaskFilter) ([]TaskRow, error)
	// LastContacts gives, for each live person with one, the date of the latest live
	// activity on or before upTo they took part in (a planned visit is not a contact).
	LastContacts(ctx context.Context, upTo Date) (map[string]Date, error)
}

// ViewStore keeps the saved views of the list screens.
type ViewStore interface {
	SavedViews(ctx context.Context, screen string) ([]SavedView, error)
	// SaveView inserts v, or replaces the view of the same screen and name (keeping its ID),
	// and returns the view as stored.
	SaveView(ctx context.Context, v SavedView) (SavedView, error)
	DeleteView(ctx context.Context, id string) error
}

// ReminderStore reads the facts the 工作台's reminders need, each in one grouped query.
type ReminderStore interface {
	// OpenTasksDueBefore lists the open live tasks of live projects due before a day, of one
	// assignee or of everyone when assignee is "".
	OpenTasksDueBefore(ctx context.Context, before Date, assignee string) ([]TaskDue, error)
	// ProjectProgress reads the progress facts of the live projects in the given stages; live
	// activities and tasks done after upTo are not counted.
	ProjectProgress(ctx context.Context, stages []Stage, upTo Date) ([]ProjectProgress, error)
	// PersonContacts reads the live people with a cadence of their own or a tier, and the date of their
	// latest live activity on or before upTo.
	PersonContacts(ctx context.Context, upTo Date) ([]PersonContact, error)
	// PeopleDates reads the live people with important dates.
	PeopleDates(ctx context.Context) ([]PersonDates, error)
	// Snoozes reads the reminders put off until after a day, by key.
	Snoozes(ctx context.Context, after Date) (map[string]Snooze, error)
	// SaveSnooze puts a reminder off, replacing an earlier snooze of the same key.
	SaveSnooze(ctx context.Context, s Snooze) error
}

// PipelineStore reads the pipeline board.
type PipelineStore interface {
	// StageTallies counts the live projects of each stage and sums their total investment.
	StageTallies(ctx context.Context) (map[Stage]Tally, error)
	// PipelineCards lists up to limit live projects of a stage, most recently moved first.
	PipelineCards(ctx context.Context, stage Stage, limit int) ([]PipelineCard, error)
}

// Store is everything the ledger needs of its storage.
type Store interface {
	EnterpriseStore
	PersonStore
	ChamberStore
	ProjectStore
	WorkStore
	FundStore
	RecycleStore
	ReferenceStore
	BulkStore
	ImportStore
	MergeStore
	FileStore
	ReturnStore
	ReminderStore
	PipelineStore
	ListStore
	ViewStore
	RelationshipStore
	EventStore
	CampaignStore
	TripStore
}

// FileStore backs up, restores and checks the database file.
type FileStore interface {
	// Backup writes a checked, consistent copy of the database to dest.
	Backup(ctx context.Context, dest string) error
	// CheckBackup checks that a file is a sound ledger this build can restore.
	CheckBackup(ctx context.Context, path string) error
	// RestoreFrom replaces the database with a checked backup.
	RestoreFrom(ctx context.Context, src string) error
	// Check runs the full integrity and foreign-key checks and returns the problems found.
	Check(ctx context.Context) ([]string, error)
	// Path is the database file.
	Path() string
}

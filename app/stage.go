package app

import "fmt"

// StageMove asks to move a project to another stage on a date. Reason is required for a
// step back, for 中止 and 退库, and to resume a stopped or withdrawn project. SignedOn and
// StartedOn supply milestone dates a move skips over (在谈 → 开工 needs the signing date).
type StageMove struct {
	To        Stage
	On        Date
	Reason    string
	SignedOn  Date
	StartedOn Date
}

// CheckStageMove applies the stage rules to moving p as m asks, on a day no later than today:
//   - forward along 储备 → 在谈 → 签约 → 开工 → 在建 → 投产, skipping allowed;
//   - back only with a reason;
//   - 中止 and 退库 from any stage, with a reason; leaving them (resuming) also takes a reason;
//   - the move's date is set, not in the future and not before the project's last change.
func CheckStageMove(p Project, m StageMove, today Date) error {
	pr := problems{entity: "阶段变更"}
	switch {
	case !m.To.Valid():
		pr.add("stage", fmt.Sprintf("未知的项目阶段“%s”", m.To))
	case m.To == p.Stage:
		pr.add("stage", fmt.Sprintf("项目已处于“%s”阶段", p.Stage))
	case m.To.Terminal() && CleanText(m.Reason) == "":
		pr.add("stage_reason", fmt.Sprintf("转为“%s”须填写原因", m.To))
	case p.Stage.Terminal() && CleanText(m.Reason) == "":
		pr.add("stage_reason", fmt.Sprintf("项目已“%s”，恢复推进须填写原因", p.Stage))
	case m.To.Rank() >= 0 && p.Stage.Rank() > m.To.Rank() && CleanText(m.Reason) == "":
		pr.add("stage_reason", fmt.Sprintf("从“%s”退回“%s”须填写原因", p.Stage, m.To))
	}
	switch {
	case m.On.IsZero():
		pr.add("stage_since", "请填写阶段变更日期")
	case m.On.After(today):
		pr.add("stage_since", fmt.Sprintf("阶段变更日期 %s 晚于今天", m.On))
	case !p.StageSince.IsZero() && m.On.Before(p.StageSince):
		pr.add("stage_since", fmt.Sprintf("阶段变更日期 %s 早于上次变更（%s）", m.On, p.StageSince))
	}
	for _, ms := range []struct {
		date        Date
		field, name string
	}{{m.SignedOn, "signed_on", "签约日期"}, {m.StartedOn, "started_on", "开工日期"}} {
		if !m.On.IsZero() && ms.date.After(m.On) {
			pr.add(ms.field, fmt.Sprintf("%s %s 晚于阶段变更日期 %s", ms.name, ms.date, m.On))
		}
	}
	if err := pr.err(); err != nil {
		return err
	}
	next := ApplyStageMove(p, m)
	return checkMilestones(next, today, &pr)
}

// ApplyStageMove returns p moved as m asks, without checking: the stage, its date and reason,
// and the milestone date of the stage reached (签约 → SignedOn, 开工 → StartedOn, 投产 →
// ProducedOn) when it was not yet set. Earlier milestone dates are kept, so a project that
// steps back and signs again still counts once, at its first signing.
func ApplyStageMove(p Project, m StageMove) Project {
	p.Stage, p.StageSince, p.StageReason = m.To, m.On, CleanText(m.Reason)
	if p.SignedOn.IsZero() && !m.SignedOn.IsZero() {
		p.SignedOn = m.SignedOn
	}
	if p.StartedOn.IsZero() && !m.StartedOn.IsZero() {
		p.StartedOn = m.StartedOn
	}
	switch m.To {
	case StageSigned:
		if p.SignedOn.IsZero() {
			p.SignedOn = m.On
		}
	case StageStarted:
		if p.StartedOn.IsZero() {
			p.StartedOn = m.On
		}
	case StageProducing:
		if p.ProducedOn.IsZero() {
			p.ProducedOn = m.On
		}
	}
	return p
}

// checkMilestones checks that a project's milestone dates agree with its stage: a stage at or
// beyond 签约 has a signing date, at or beyond 开工 a start date, 投产 a production date; the
// dates that are set run in order and none lies in the future.
func checkMilestones(p Project, today Date, pr *problems) error {
	need := []struct {
		stage Stage
		date  Date
		field string
		label string
	}{
		{StageSigned, p.SignedOn, "signed_on", "签约日期"},
		{StageStarted, p.StartedOn, "started_on", "开工日期"},
		{StageProducing, p.ProducedOn, "produced_on", "投产日期"},
	}
	for _, n := range need {
		if p.Stage.AtLeast(n.stage) && n.date.IsZero() {
			pr.add(n.field, fmt.Sprintf("项目处于“%s”阶段，须填写%s", p.Stage, n.label))
		}
		if n.date.After(today) {
			pr.add(n.field, fmt.Sprintf("%s %s 晚于今天", n.label, n.date))
		}
	}
	if !p.SignedOn.IsZero() && !p.StartedOn.IsZero() && p.StartedOn.Before(p.SignedOn) {
		pr.add("started_on", fmt.Sprintf("开工日期 %s 早于签约日期 %s", p.StartedOn, p.SignedOn))
	}
	if !p.StartedOn.IsZero() && !p.ProducedOn.IsZero() && p.ProducedOn.Before(p.StartedOn) {
		pr.add("produced_on", fmt.Sprintf("投产日期 %s 早于开工日期 %s", p.ProducedOn, p.StartedOn))
	}
	if !p.SignedOn.IsZero() && !p.ProducedOn.IsZero() && p.ProducedOn.Before(p.SignedOn) {
		pr.add("produced_on", fmt.Sprintf("投产日期 %s 早于签约日期 %s", p.ProducedOn, p.SignedOn))
	}
	return pr.err()
}

package identity

import (
	"context"
	"strconv"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
)

// Auditor records security events in the caller's transaction (audit.Log does).
type Auditor interface {
	Record(ctx context.Context, q db.Querier, e audit.Event) error
}

// auditEntry is an identity event before it becomes an audit row.
type auditEntry struct {
	action, outcome       string
	actorID               int64
	actorName, actorRole  string
	ip, requestID, detail string
	objectType            string
	objectID              int64
}

func (s *Service) audit(ctx context.Context, q db.Querier, e auditEntry) error {
	if s.Audit == nil {
		return nil
	}
	ev := audit.Event{Action: audit.Action(e.action), Outcome: audit.Outcome(e.outcome), ActorUsername: e.actorName, ActorRole: auth.Role(e.actorRole),
		ClientIP: e.ip, RequestID: e.requestID, Detail: e.detail, ObjectType: e.objectType}
	if e.actorID > 0 {
		ev.ActorID = e.actorID
	}
	if e.objectID > 0 {
		ev.ObjectID = strconv.FormatInt(e.objectID, 10)
	}
	return s.Audit.Record(ctx, q, ev)
}

// actorEntry is a successful action of actor on the account id.
func actorEntry(actor *auth.Principal, action string, id int64) auditEntry {
	return auditEntry{action: action, outcome: "success", actorID: actor.UserID, actorName: actor.Username,
		actorRole: string(actor.Role), objectType: "user", objectID: id}
}

package identity

import (
	"context"

	"healthsynx/internal/platform/db"
)

// IssueForTest signs a pair with these tokens' lifetimes (a negative access lifetime
// makes an already expired access token).
func (t *Tokens) IssueForTest(ctx context.Context, q db.Querier, userID int64) (Pair, error) {
	return t.issuePair(ctx, q, userID)
}

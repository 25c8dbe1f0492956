package main

import (
	"context"
	"fmt"
	"io"

	"healthsynx/internal/config"
)

func init() {
	register("audit", "check the audit log's hash chain (verify)", cmdAudit)
}

// cmdAudit runs `healthsynx audit verify`: exit 0 when the chain is intact, 1 with the
// first broken link otherwise, so that a cron job or monitor can alert on it.
func cmdAudit(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("audit", &cfg, env, out)
	fs.Usage = func() {
		fmt.Fprintln(out, "Usage: healthsynx audit verify [flags]")
		fs.PrintDefaults()
	}
	verify := len(args) > 0 && args[0] == "verify"
	if verify {
		args = args[1:]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if !verify || fs.NArg() > 0 {
		return usageError{msg: "the only action is verify: healthsynx audit verify [flags]"}
	}
	a, err := open(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Audit.Verify(ctx)
	if err != nil {
		return err
	}
	if b := res.Broken; b != nil {
		if b.ID == 0 {
			return fmt.Errorf("audit log broken at event seq=%d: %s", b.Seq, b.Reason)
		}
		return fmt.Errorf("audit log broken at event seq=%d id=%d: %s", b.Seq, b.ID, b.Reason)
	}
	fmt.Fprintf(out, "audit log intact: %d events\n", res.Events)
	return nil
}

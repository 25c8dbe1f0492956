package identity

import (
	"net/http"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
	"healthsynx/internal/platform/web"
)

// Credentials is the body of every sign-in endpoint.
type Credentials struct {
	Username *string `json:"username"`
	Password *string `json:"password"`
}

func (c Credentials) check() (string, string, error) {
	f := errs.Fields{}
	if c.Username == nil {
		f.Add("username", valid.MsgRequired)
	} else if strings.TrimSpace(*c.Username) == "" {
		f.Add("username", valid.MsgBlank)
	}
	if c.Password == nil {
		f.Add("password", valid.MsgRequired)
	} else if *c.Password == "" {
		f.Add("password", valid.MsgBlank)
	}
	if err := f.Err(); err != nil {
		return "", "", err
	}
	return *c.Username, *c.Password, nil
}

// RefreshBody is the body of the refresh and blacklist endpoints.
type RefreshBody struct {
	Refresh *string `json:"refresh"`
}

// VerifyBody is the body of the verify endpoint.
type VerifyBody struct {
	Token *string `json:"token"`
}

// APILoginResponse is E-4's answer.
type APILoginResponse struct {
	Refresh string       `json:"refresh"`
	Access  string       `json:"access"`
	User    APILoginUser `json:"user"`
}

// APILoginUser is the user part of E-4's answer.
type APILoginUser struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Email    string `json:"email"`
}

// SessionLoginResponse is E-10's answer.
type SessionLoginResponse struct {
	Message string   `json:"message"`
	User    UserMini `json:"user"`
}

// MessageBody is {"message": …}.
type MessageBody struct {
	Message string `json:"message"`
}

// Empty is {}.
type Empty struct{}

// PasswordChange is the body of the own-password change.
type PasswordChange struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
}

// PasswordSet is the body of an admin password reset.
type PasswordSet struct {
	Password string `json:"password"`
}

func (s *Service) attempt(r *http.Request, login, pw string, allowEmail bool, via string) LoginAttempt {
	return LoginAttempt{Login: login, Password: pw, AllowEmail: allowEmail, ClientIP: s.clientIP(r),
		UserAgent: r.UserAgent(), RequestID: web.RequestID(r.Context()), Via: via}
}

// Routes registers the identity API.
func (s *Service) Routes(rt *web.Router) {
	const tokens, users = "auth", "users"
	rt.Handle(web.Route{Method: "POST", Path: "/api/token/", Perm: auth.Public, Handler: s.apiToken, Tag: tokens,
		Summary: "Sign in: obtain an access and a refresh token", Request: Credentials{}, Response: Pair{}})
	rt.Handle(web.Route{Method: "POST", Path: "/api/token/refresh/", Perm: auth.Public, Handler: s.apiRefresh, Tag: tokens,
		Summary: "Rotate a refresh token: a new pair; the old refresh token is revoked", Request: RefreshBody{}, Response: Pair{}})
	rt.Handle(web.Route{Method: "POST", Path: "/api/token/verify/", Perm: auth.Public, Handler: s.apiVerify, Tag: tokens,
		Summary: "Check that a token is valid", Request: VerifyBody{}, Response: Empty{}})
	rt.Handle(web.Route{Method: "POST", Path: "/api/token/blacklist/", Perm: auth.Public, Handler: s.apiBlacklist, Tag: tokens,
		Summary: "Sign out: revoke a refresh token and every token rotated from the same sign-in", Request: RefreshBody{}, Response: Empty{}})
	rt.Handle(web.Route{Method: "POST", Path: "/api/login/", Perm: auth.Public, Handler: s.apiLogin, Tag: tokens,
		Summary: "Sign in and get tokens with the user's id, username and email", Request: Credentials{}, Response: APILoginResponse{}})
	rt.Handle(web.Route{Method: "POST", Path: "/users/login/", Perm: auth.Public, Handler: s.apiSessionLogin, Tag: tokens,
		Summary: "Sign in with username or email; starts a cookie session", Request: Credentials{}, Response: SessionLoginResponse{}})
	rt.Handle(web.Route{Method: "POST", Path: "/users/logout/", Perm: auth.Authenticated, Handler: s.apiLogout, Tag: tokens,
		Summary: "Sign out: ends the cookie session, or the token family of a Bearer caller", Response: MessageBody{}})
	for _, p := range []string{"/redirect-after-login/", "/users/redirect-after-login/"} {
		rt.Handle(web.Route{Method: "GET", Path: p, Perm: auth.Authenticated, Page: true, Handler: redirectAfterLogin})
	}
	rt.Handle(web.Route{Method: "GET", Path: "/users/api/", Perm: auth.Authenticated, Tag: users,
		Summary: "API root of the users module (empty, as in the original)", Response: Empty{},
		Handler: func(w http.ResponseWriter, r *http.Request) { web.JSON(w, http.StatusOK, Empty{}) }})

	s.directoryRoutes(rt)

	rt.Handle(web.Route{Method: "GET", Path: "/users/me/", Perm: auth.Authenticated, Handler: s.apiMe, Tag: users,
		Summary: "The caller's own account", Response: Account{}})
	rt.Handle(web.Route{Method: "PATCH", Path: "/users/me/", Perm: auth.Authenticated, Handler: web.Handle(http.StatusOK, s.apiUpdateMe), Tag: users,
		Summary: "Change the caller's own names and contact details", Request: SelfInput{}, Response: Account{}})
	rt.Handle(web.Route{Method: "POST", Path: "/users/me/password/", Perm: auth.Authenticated, Handler: web.Handle(http.StatusOK, s.apiChangePassword), Tag: users,
		Summary: "Change the caller's own password", Request: PasswordChange{}, Response: MessageBody{}})

	rt.Handle(web.Route{Method: "GET", Path: "/users/users/", Perm: auth.UsersRead, Handler: s.apiListUsers, Tag: users,
		Summary: "List accounts, ordered by id", Response: UserMini{}, List: true, Query: []web.Param{
			{Name: "search", Type: "string", Description: "username, name or email contains"},
			{Name: "role", Type: "string", Description: "only this role"},
			{Name: "department", Type: "integer", Description: "only this department id"},
			{Name: "is_active", Type: "boolean", Description: "only active (true) or deactivated (false) accounts"},
		}})
	rt.Handle(web.Route{Method: "POST", Path: "/users/users/", Perm: auth.UsersWrite, Handler: web.Handle(http.StatusCreated, s.apiCreateStaff), Tag: users,
		Summary: "Create a staff account with its role's profile", Request: AccountInput{}, Response: Account{}, Status: http.StatusCreated})
	rt.Handle(web.Route{Method: "GET", Path: "/users/users/{id}/", Perm: auth.UsersRead, Handler: s.apiGetUser, Tag: users,
		Summary: "One account with its profile", Response: Account{}})
	rt.Handle(web.Route{Method: "PATCH", Path: "/users/users/{id}/", Perm: auth.UsersWrite, Handler: web.HandleID(http.StatusOK, s.apiUpdateUser), Tag: users,
		Summary: "Change an account", Request: AccountInput{}, Response: Account{}})
	rt.Handle(web.Route{Method: "POST", Path: "/users/users/{id}/deactivate/", Perm: auth.UsersWrite, Handler: s.apiSetActive(false), Tag: users,
		Summary: "Deactivate an account: its sessions and tokens stop working at once", Response: Account{}})
	rt.Handle(web.Route{Method: "POST", Path: "/users/users/{id}/activate/", Perm: auth.UsersWrite, Handler: s.apiSetActive(true), Tag: users,
		Summary: "Reactivate an account", Response: Account{}})
	rt.Handle(web.Route{Method: "POST", Path: "/users/users/{id}/set-password/", Perm: auth.UsersWrite, Handler: web.HandleID(http.StatusOK, s.apiSetPassword), Tag: users,
		Summary: "Reset an account's password; it is signed out everywhere", Request: PasswordSet{}, Response: MessageBody{}})
}

// signIn decodes a sign-in body and runs login with the attempt; a failure is answered
// with badMsg under key (each endpoint of the original worded it differently). It
// reports whether the request may go on.
func (s *Service) signIn(w http.ResponseWriter, r *http.Request, allowEmail bool, via, key, badMsg string,
	login func(LoginAttempt) error) bool {
	var c Credentials
	if err := web.Decode(r, &c); err != nil {
		web.Error(w, r, err)
		return false
	}
	name, pw, err := c.check()
	if err == nil {
		err = login(s.attempt(r, name, pw, allowEmail, via))
	}
	if err == errBadCredentials {
		err = &errs.Error{Kind: errs.Unauthenticated, Key: key, Message: badMsg}
	}
	if err != nil {
		web.Error(w, r, err)
		return false
	}
	return true
}

func (s *Service) apiToken(w http.ResponseWriter, r *http.Request) {
	var p Pair
	if s.signIn(w, r, false, "token", "detail", "No active account found with the given credentials", func(a LoginAttempt) (err error) {
		_, p, err = s.LoginTokens(r.Context(), a)
		return err
	}) {
		web.JSON(w, http.StatusOK, p)
	}
}

func (s *Service) apiLogin(w http.ResponseWriter, r *http.Request) {
	var u User
	var p Pair
	if s.signIn(w, r, false, "api_login", "error", "Invalid credentials", func(a LoginAttempt) (err error) {
		u, p, err = s.LoginTokens(r.Context(), a)
		return err
	}) {
		web.JSON(w, http.StatusOK, APILoginResponse{Refresh: p.Refresh, Access: p.Access, User: APILoginUser{ID: u.ID, Username: u.Username, Email: u.Email}})
	}
}

func (s *Service) apiSessionLogin(w http.ResponseWriter, r *http.Request) {
	var u User
	var cookie string
	if s.signIn(w, r, true, "session", "error", "Invalid username/email or password", func(a LoginAttempt) (err error) {
		u, cookie, err = s.LoginSession(r.Context(), a)
		return err
	}) {
		http.SetCookie(w, sessionCookie(cookie, s.secure(r), int(sessionAbsolute.Seconds())))
		web.JSON(w, http.StatusOK, SessionLoginResponse{Message: "Login successful", User: u.Mini()})
	}
}

func (s *Service) secure(r *http.Request) bool { return s.SecureCookies || web.IsTLS(r, s.TrustProxy) }

// refreshToken decodes {"refresh": …}, answering the request itself when it is absent.
func refreshToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	var b RefreshBody
	if err := web.Decode(r, &b); err != nil {
		web.Error(w, r, err)
		return "", false
	}
	if b.Refresh == nil || *b.Refresh == "" {
		web.Error(w, r, errs.Field("refresh", valid.MsgRequired))
		return "", false
	}
	return *b.Refresh, true
}

func (s *Service) apiRefresh(w http.ResponseWriter, r *http.Request) {
	raw, ok := refreshToken(w, r)
	if !ok {
		return
	}
	p, err := s.Refresh(r.Context(), raw)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, p)
}

func (s *Service) apiVerify(w http.ResponseWriter, r *http.Request) {
	var b VerifyBody
	if err := web.Decode(r, &b); err != nil {
		web.Error(w, r, err)
		return
	}
	if b.Token == nil || *b.Token == "" {
		web.Error(w, r, errs.Field("token", valid.MsgRequired))
		return
	}
	if err := s.VerifyToken(r.Context(), *b.Token); err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, Empty{})
}

func (s *Service) apiBlacklist(w http.ResponseWriter, r *http.Request) {
	raw, ok := refreshToken(w, r)
	if !ok {
		return
	}
	if err := s.Blacklist(r.Context(), raw); err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, Empty{})
}

func (s *Service) apiLogout(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	if err := s.Logout(r.Context(), p); err != nil {
		web.Error(w, r, err)
		return
	}
	if p.Method == "session" {
		http.SetCookie(w, sessionCookie("", s.secure(r), -1))
	}
	web.JSON(w, http.StatusOK, MessageBody{Message: "Logged out successfully"})
}

// redirectAfterLogin sends a signed-in browser to its dashboard (E-6).
func redirectAfterLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/app/", http.StatusFound)
}

func (s *Service) apiMe(w http.ResponseWriter, r *http.Request) {
	a, err := s.Me(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, a)
}

func (s *Service) apiUpdateMe(r *http.Request, in SelfInput) (Account, error) {
	return s.UpdateMe(r.Context(), auth.FromContext(r.Context()), in)
}

func (s *Service) apiChangePassword(r *http.Request, in PasswordChange) (MessageBody, error) {
	err := s.ChangeOwnPassword(r.Context(), auth.FromContext(r.Context()), in.OldPassword, in.NewPassword)
	return MessageBody{Message: "Password changed successfully."}, err
}

func (s *Service) apiListUsers(w http.ResponseWriter, r *http.Request) {
	p, err := web.ParsePage(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	filter, err := parseUserFilter(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	items, n, err := s.ListUsers(r.Context(), filter, &p)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	minis := make([]UserMini, len(items))
	for i := range items {
		minis[i] = items[i].Mini()
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, p, n, minis))
}

func (s *Service) apiCreateStaff(r *http.Request, in AccountInput) (Account, error) {
	return s.CreateStaff(r.Context(), auth.FromContext(r.Context()), in)
}

func (s *Service) apiGetUser(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		var a Account
		if a, err = s.GetAccount(r.Context(), auth.FromContext(r.Context()), id); err == nil {
			web.JSON(w, http.StatusOK, a)
			return
		}
	}
	web.Error(w, r, err)
}

func (s *Service) apiUpdateUser(r *http.Request, id int64, in AccountInput) (Account, error) {
	return s.UpdateAccount(r.Context(), auth.FromContext(r.Context()), id, in)
}

func (s *Service) apiSetActive(active bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		if err == nil {
			var a Account
			if a, err = s.SetActive(r.Context(), auth.FromContext(r.Context()), id, active); err == nil {
				web.JSON(w, http.StatusOK, a)
				return
			}
		}
		web.Error(w, r, err)
	}
}

func (s *Service) apiSetPassword(r *http.Request, id int64, in PasswordSet) (MessageBody, error) {
	err := s.ResetPassword(r.Context(), auth.FromContext(r.Context()), id, in.Password)
	return MessageBody{Message: "Password has been reset."}, err
}

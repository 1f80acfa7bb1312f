package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).rolesCommand) }

func (a *app) rolesCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "roles", Short: "Data stewards, admins and the communications team"}
	change := func(use, short string, grant bool) *cobra.Command {
		var chapter string
		c := &cobra.Command{
			Use: use + " MEMBER ROLE", Short: short, Args: args(2, "a member (email or national id) and a role"),
			RunE: func(cmd *cobra.Command, argv []string) error {
				db, m, err := a.openMemberByAddressOrID(cmd.Context(), argv[0])
				if err != nil {
					return err
				}
				auth := store.NewAuthService(db)
				switch {
				case grant && argv[1] == rankfile.RoleChapterSteward:
					return a.grantChapterSteward(cmd.Context(), db, m, chapter)
				case grant:
					return auth.GrantRole(cmd.Context(), m.ID, argv[1])
				}
				return auth.RevokeRole(cmd.Context(), m.ID, argv[1])
			},
		}
		if grant {
			c.Flags().StringVar(&chapter, "chapter", "", "the `SLUG` of the chapter a chapter_steward stewards")
		}
		return c
	}
	cmd.AddCommand(change("grant", "Give a member a role: steward, admin, communications, or chapter_steward with --chapter", true),
		change("revoke", "Take a role away", false), a.rolesListCommand())
	return cmd
}

// grantChapterSteward makes m the data steward of the chapter of the slug.
func (a *app) grantChapterSteward(ctx context.Context, db *store.DB, m *rankfile.Member, slug string) error {
	if slug == "" {
		return usagef("a chapter_steward needs --chapter SLUG")
	}
	chapter, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		return err
	}
	return store.NewAuthService(db).GrantChapterSteward(ctx, m.ID, chapter.ID)
}

func (a *app) rolesListCommand() *cobra.Command {
	return &cobra.Command{
		Use: "list", Short: "List the members with roles", Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			holders, err := db.RoleHolders(cmd.Context())
			if err != nil {
				return err
			}
			chapters, err := store.NewBodyService(db).FindBodies(cmd.Context(), rankfile.BodyFilter{Kind: rankfile.KindChapter})
			if err != nil {
				return err
			}
			slugs := map[int64]string{}
			for _, c := range chapters {
				slugs[c.ID] = c.Slug
			}
			for _, h := range holders {
				role := h.Role
				if slug := slugs[h.ChapterID]; slug != "" {
					role += " of " + slug
				}
				fmt.Fprintf(a.stdout, "%-14s %s <%s>\n", role, h.Member.FullName(), h.Member.Email)
			}
			return nil
		},
	}
}

// openMemberByAddressOrID finds a member by email address or national id.
func (a *app) openMemberByAddressOrID(ctx context.Context, ref string) (*store.DB, *rankfile.Member, error) {
	if !strings.Contains(ref, "@") {
		return a.openMember(ctx, ref)
	}
	db, err := a.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Email: ref, Limit: 2})
	switch {
	case err != nil:
		return nil, nil, err
	case len(members) == 0:
		return nil, nil, rankfile.Errorf(rankfile.ENOTFOUND, "no member has the address %s", ref)
	case len(members) > 1:
		return nil, nil, rankfile.Errorf(rankfile.ECONFLICT, "several members share %s: name one by national id", ref)
	}
	return db, members[0], nil
}

-- +goose Up
-- The index of each branch's members in name order leaves out the members
-- in no branch, as the indexes of groups and chapters do (00047): most
-- members of a national roster are in chapters without branches, and an
-- import into an empty roster builds the index from the members it holds.
-- A list of the members in no branch walks the roster's own name index
-- and skips those in one (store/member.go).
DROP INDEX members_branch_name;
CREATE INDEX members_branch_name ON members (COALESCE(chosen_branch_id, located_branch_id), last_name_folded, first_name_folded, id, list_standing)
    WHERE COALESCE(chosen_branch_id, located_branch_id) IS NOT NULL;

-- +goose Down
DROP INDEX members_branch_name;
CREATE INDEX members_branch_name ON members (COALESCE(chosen_branch_id, located_branch_id), last_name_folded, first_name_folded, id, list_standing);

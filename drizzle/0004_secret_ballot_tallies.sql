CREATE TABLE "vote_tallies" (
	"vote_id" uuid PRIMARY KEY NOT NULL,
	"yes" integer DEFAULT 0 NOT NULL,
	"no" integer DEFAULT 0 NOT NULL,
	"abstain" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vote_tallies" ADD CONSTRAINT "vote_tallies_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Secret votes open at the upgrade: their choices move into the totals (weighted as the vote is) and leave the ballots.
INSERT INTO "vote_tallies" ("vote_id", "yes", "no", "abstain")
SELECT v."id",
	coalesce(sum(CASE WHEN b."choice" = 'yes' THEN (CASE WHEN v."weighted" = 1 THEN d."vote_weight" ELSE 1 END) END), 0),
	coalesce(sum(CASE WHEN b."choice" = 'no' THEN (CASE WHEN v."weighted" = 1 THEN d."vote_weight" ELSE 1 END) END), 0),
	coalesce(sum(CASE WHEN b."choice" = 'abstain' THEN (CASE WHEN v."weighted" = 1 THEN d."vote_weight" ELSE 1 END) END), 0)
FROM "votes" v
LEFT JOIN "ballots" b ON b."vote_id" = v."id"
LEFT JOIN "delegations" d ON d."id" = b."delegation_id"
WHERE v."method" = 'secret' AND v."status" = 'open'
GROUP BY v."id";
--> statement-breakpoint
UPDATE "ballots" SET "choice" = NULL WHERE "choice" IS NOT NULL AND "vote_id" IN (SELECT "id" FROM "votes" WHERE "method" = 'secret');

ALTER TABLE "amendment_cosponsors" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
-- Co-sponsors recorded before consent existed stay listed, as they were.
UPDATE "amendment_cosponsors" SET "accepted_at" = "created_at";

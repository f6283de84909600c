CREATE TABLE "footnotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resolution_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"marker" text NOT NULL,
	"text" text NOT NULL,
	"statements" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "footnote_id" uuid;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "footnote_order" integer;--> statement-breakpoint
ALTER TABLE "resolutions" ADD COLUMN "symbol" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "resolutions" ADD COLUMN "subparagraph_numbering" text DEFAULT 'letter' NOT NULL;--> statement-breakpoint
ALTER TABLE "resolutions" ADD COLUMN "printed_frame" jsonb;--> statement-breakpoint
ALTER TABLE "footnotes" ADD CONSTRAINT "footnotes_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "footnotes_resolution_position" ON "footnotes" USING btree ("resolution_id","position");--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_footnote_id_footnotes_id_fk" FOREIGN KEY ("footnote_id") REFERENCES "public"."footnotes"("id") ON DELETE set null ON UPDATE no action;
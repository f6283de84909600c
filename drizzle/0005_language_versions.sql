CREATE TABLE "amendment_translations" (
	"amendment_id" uuid NOT NULL,
	"language" text NOT NULL,
	"proposed_text" text NOT NULL,
	"confirmed_hash" text NOT NULL,
	"confirmed_text" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amendment_translations_amendment_id_language_pk" PRIMARY KEY("amendment_id","language")
);
--> statement-breakpoint
CREATE TABLE "language_paragraphs" (
	"resolution_id" uuid NOT NULL,
	"language" text NOT NULL,
	"paragraph_id" text NOT NULL,
	"text" text NOT NULL,
	"confirmed_hash" text NOT NULL,
	"confirmed_text" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "language_paragraphs_resolution_id_language_paragraph_id_pk" PRIMARY KEY("resolution_id","language","paragraph_id")
);
--> statement-breakpoint
CREATE TABLE "language_versions" (
	"resolution_id" uuid NOT NULL,
	"language" text NOT NULL,
	"official" boolean DEFAULT false NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"session_label" text DEFAULT '' NOT NULL,
	"enacting_formula" text DEFAULT '' NOT NULL,
	"state" "bytea",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "language_versions_resolution_id_language_pk" PRIMARY KEY("resolution_id","language")
);
--> statement-breakpoint
CREATE TABLE "reservation_translations" (
	"reservation_id" uuid NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"delegation_name" text DEFAULT '' NOT NULL,
	"confirmed_hash" text NOT NULL,
	"confirmed_text" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservation_translations_reservation_id_language_pk" PRIMARY KEY("reservation_id","language")
);
--> statement-breakpoint
ALTER TABLE "resolutions" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "amendment_translations" ADD CONSTRAINT "amendment_translations_amendment_id_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."amendments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendment_translations" ADD CONSTRAINT "amendment_translations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "language_paragraphs" ADD CONSTRAINT "language_paragraphs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "language_paragraphs" ADD CONSTRAINT "language_paragraphs_resolution_id_language_language_versions_resolution_id_language_fk" FOREIGN KEY ("resolution_id","language") REFERENCES "public"."language_versions"("resolution_id","language") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "language_versions" ADD CONSTRAINT "language_versions_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "language_versions" ADD CONSTRAINT "language_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_translations" ADD CONSTRAINT "reservation_translations_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_translations" ADD CONSTRAINT "reservation_translations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
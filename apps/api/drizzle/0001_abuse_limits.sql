CREATE TABLE "call_budgets" (
	"name" text PRIMARY KEY NOT NULL,
	"calls" double precision[] DEFAULT '{}'::double precision[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refund_requests" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD COLUMN "resolution" text;--> statement-breakpoint
CREATE UNIQUE INDEX "refund_requests_one_open_uq" ON "refund_requests" USING btree ("order_id") WHERE "refund_requests"."closed_at" IS NULL;
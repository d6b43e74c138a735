ALTER TABLE "refunds" ADD COLUMN "fee_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "fee_vat_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "fee_line" jsonb;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "correction_state" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "invoicebox_correction_order_id" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "correction_error" text;
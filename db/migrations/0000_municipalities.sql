CREATE TABLE "municipalities" (
	"number" char(4) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"county_number" char(2) NOT NULL,
	"county_name" text NOT NULL,
	"region" text
);
--> statement-breakpoint
CREATE INDEX "municipalities_county_idx" ON "municipalities" USING btree ("county_number","name");
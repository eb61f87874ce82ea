using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Dashboard.Infrastructure.Tests.Data.Legacy;

/// <summary>
/// Kept unchanged from earlier versions (only moved here) so LegacyUpgradeTests can build the databases they built.
/// The first schema. Written by hand (EF Core Design does not restore here) for both providers: column types come
/// from each provider's defaults, except instants, which SQLite keeps as UTC ticks (see <see cref="UtcTicksConverter"/>).
/// MigrationSchemaTests prove that a migrated database matches the model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = ColumnTypes.Instant(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "api_keys",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(nullable: false),
                Prefix = table.Column<string>(nullable: false),
                KeyHash = table.Column<string>(nullable: false),
                IsReadOnly = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true, type: instant),
                LastUsedAt = table.Column<DateTimeOffset>(nullable: true, type: instant),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_api_keys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: true, maxLength: 256),
                NormalizedName = table.Column<string>(nullable: true, maxLength: 256),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                UserName = table.Column<string>(nullable: true, maxLength: 256),
                NormalizedUserName = table.Column<string>(nullable: true, maxLength: 256),
                Email = table.Column<string>(nullable: true, maxLength: 256),
                NormalizedEmail = table.Column<string>(nullable: true, maxLength: 256),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true, type: instant),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "attribute_fields",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Key = table.Column<string>(nullable: false),
                Title = table.Column<string>(nullable: false),
                Type = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_attribute_fields", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "cancellation_reasons",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Text = table.Column<string>(nullable: false),
                SortKey = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_cancellation_reasons", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "fx_rates",
            columns: table => new
            {
                Date = table.Column<DateOnly>(nullable: false),
                Currency = table.Column<string>(nullable: false),
                Rate = table.Column<decimal>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_fx_rates", x => new { x.Currency, x.Date });
            });

        migrationBuilder.CreateTable(
            name: "segments",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(nullable: false),
                FiltersJson = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_segments", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "settings",
            columns: table => new
            {
                Key = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_settings", x => x.Key);
            });

        migrationBuilder.CreateTable(
            name: "sources",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(nullable: false),
                Provider = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
                ProtectedCredentials = table.Column<string>(nullable: true),
                ApiBase = table.Column<string>(nullable: true),
                LastSyncedAt = table.Column<DateTimeOffset>(nullable: true, type: instant),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_sources", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                RoleId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "customers",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                ExternalId = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: true),
                Email = table.Column<string>(nullable: true),
                Country = table.Column<string>(nullable: true),
                Currency = table.Column<string>(nullable: true),
                Notes = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_customers", x => x.Id);
                table.ForeignKey(
                    name: "FK_customers_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "plans",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                ExternalId = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Currency = table.Column<string>(nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Interval = table.Column<string>(nullable: false),
                IntervalCount = table.Column<int>(nullable: false),
                TrialDuration = table.Column<int>(nullable: true),
                TrialDurationUnit = table.Column<string>(nullable: true),
                IsMetered = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_plans", x => x.Id);
                table.ForeignKey(
                    name: "FK_plans_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "sync_checkpoints",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Cursor = table.Column<string>(nullable: true),
                Done = table.Column<long>(nullable: false),
                Total = table.Column<long>(nullable: true),
                Completed = table.Column<bool>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_sync_checkpoints", x => x.Id);
                table.ForeignKey(
                    name: "FK_sync_checkpoints_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "sync_errors",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                ExternalId = table.Column<string>(nullable: false),
                Message = table.Column<string>(nullable: false),
                OccurredAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_sync_errors", x => x.Id);
                table.ForeignKey(
                    name: "FK_sync_errors_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "cancellation_events",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CustomerId = table.Column<long>(nullable: false),
                ReasonId = table.Column<long>(nullable: false),
                Comment = table.Column<string>(nullable: true),
                OccurredAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
                SubscriptionExternalIds = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_cancellation_events", x => x.Id);
                table.ForeignKey(
                    name: "FK_cancellation_events_cancellation_reasons_ReasonId",
                    column: x => x.ReasonId,
                    principalTable: "cancellation_reasons",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_cancellation_events_customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "customer_attributes",
            columns: table => new
            {
                CustomerId = table.Column<long>(nullable: false),
                FieldId = table.Column<long>(nullable: false),
                Value = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_customer_attributes", x => new { x.CustomerId, x.FieldId });
                table.ForeignKey(
                    name: "FK_customer_attributes_attribute_fields_FieldId",
                    column: x => x.FieldId,
                    principalTable: "attribute_fields",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_customer_attributes_customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "subscriptions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                ExternalId = table.Column<string>(nullable: false),
                CustomerId = table.Column<long>(nullable: false),
                StartedAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
                TrialEnd = table.Column<DateTimeOffset>(nullable: true, type: instant),
                CanceledAt = table.Column<DateTimeOffset>(nullable: true, type: instant),
                CancelRequestedAt = table.Column<DateTimeOffset>(nullable: true, type: instant),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_subscriptions", x => x.Id);
                table.ForeignKey(
                    name: "FK_subscriptions_customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_subscriptions_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "charges",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                ExternalId = table.Column<string>(nullable: false),
                CustomerId = table.Column<long>(nullable: false),
                SubscriptionId = table.Column<long>(nullable: true),
                AmountMinor = table.Column<long>(nullable: false),
                FeeMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
                Status = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_charges", x => x.Id);
                table.ForeignKey(
                    name: "FK_charges_customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_charges_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_charges_subscriptions_SubscriptionId",
                    column: x => x.SubscriptionId,
                    principalTable: "subscriptions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "subscription_states",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SubscriptionId = table.Column<long>(nullable: false),
                EffectiveFrom = table.Column<DateTimeOffset>(nullable: false, type: instant),
                PlanId = table.Column<long>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
                DiscountMinor = table.Column<long>(nullable: false),
                Status = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_subscription_states", x => x.Id);
                table.ForeignKey(
                    name: "FK_subscription_states_plans_PlanId",
                    column: x => x.PlanId,
                    principalTable: "plans",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_subscription_states_subscriptions_SubscriptionId",
                    column: x => x.SubscriptionId,
                    principalTable: "subscriptions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "refunds",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                ExternalId = table.Column<string>(nullable: false),
                ChargeId = table.Column<long>(nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false, type: instant),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_refunds", x => x.Id);
                table.ForeignKey(
                    name: "FK_refunds_charges_ChargeId",
                    column: x => x.ChargeId,
                    principalTable: "charges",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_refunds_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "subscription_addons",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SubscriptionStateId = table.Column<long>(nullable: false),
                ExternalId = table.Column<string>(nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_subscription_addons", x => x.Id);
                table.ForeignKey(
                    name: "FK_subscription_addons_subscription_states_SubscriptionStateId",
                    column: x => x.SubscriptionStateId,
                    principalTable: "subscription_states",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_api_keys_KeyHash", table: "api_keys", column: "KeyHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_AspNetRoleClaims_RoleId", table: "AspNetRoleClaims", column: "RoleId");
        migrationBuilder.CreateIndex(name: "RoleNameIndex", table: "AspNetRoles", column: "NormalizedName", unique: true);
        migrationBuilder.CreateIndex(name: "IX_AspNetUserClaims_UserId", table: "AspNetUserClaims", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_AspNetUserLogins_UserId", table: "AspNetUserLogins", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_AspNetUserRoles_RoleId", table: "AspNetUserRoles", column: "RoleId");
        migrationBuilder.CreateIndex(name: "EmailIndex", table: "AspNetUsers", column: "NormalizedEmail");
        migrationBuilder.CreateIndex(name: "UserNameIndex", table: "AspNetUsers", column: "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex(name: "IX_attribute_fields_Key", table: "attribute_fields", column: "Key", unique: true);
        migrationBuilder.CreateIndex(name: "IX_cancellation_events_CustomerId", table: "cancellation_events", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_cancellation_events_ReasonId", table: "cancellation_events", column: "ReasonId");
        migrationBuilder.CreateIndex(name: "IX_charges_CreatedAt", table: "charges", column: "CreatedAt");
        migrationBuilder.CreateIndex(name: "IX_charges_CustomerId", table: "charges", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_charges_SourceId_ExternalId", table: "charges", columns: new[] { "SourceId", "ExternalId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_charges_SubscriptionId", table: "charges", column: "SubscriptionId");
        migrationBuilder.CreateIndex(name: "IX_customer_attributes_FieldId", table: "customer_attributes", column: "FieldId");
        migrationBuilder.CreateIndex(name: "IX_customers_Email", table: "customers", column: "Email");
        migrationBuilder.CreateIndex(name: "IX_customers_SourceId_ExternalId", table: "customers", columns: new[] { "SourceId", "ExternalId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_plans_SourceId_ExternalId", table: "plans", columns: new[] { "SourceId", "ExternalId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_refunds_ChargeId", table: "refunds", column: "ChargeId");
        migrationBuilder.CreateIndex(name: "IX_refunds_SourceId_ExternalId", table: "refunds", columns: new[] { "SourceId", "ExternalId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_subscription_addons_SubscriptionStateId", table: "subscription_addons", column: "SubscriptionStateId");
        migrationBuilder.CreateIndex(name: "IX_subscription_states_PlanId", table: "subscription_states", column: "PlanId");
        migrationBuilder.CreateIndex(name: "IX_subscription_states_SubscriptionId_EffectiveFrom", table: "subscription_states", columns: new[] { "SubscriptionId", "EffectiveFrom" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_subscriptions_CustomerId", table: "subscriptions", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_subscriptions_SourceId_ExternalId", table: "subscriptions", columns: new[] { "SourceId", "ExternalId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_sync_checkpoints_SourceId_Kind", table: "sync_checkpoints", columns: new[] { "SourceId", "Kind" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_sync_errors_SourceId", table: "sync_errors", column: "SourceId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        string[] tables =
        [
        "subscription_addons", "refunds", "subscription_states", "charges", "subscriptions", "customer_attributes",
        "cancellation_events", "sync_errors", "sync_checkpoints", "plans", "customers", "AspNetUserTokens",
        "AspNetUserRoles", "AspNetUserLogins", "AspNetUserClaims", "AspNetRoleClaims", "sources", "settings",
        "segments", "fx_rates", "cancellation_reasons", "attribute_fields", "AspNetUsers", "AspNetRoles", "api_keys",
        ];
        foreach (var table in tables)
        {
        migrationBuilder.DropTable(table);
        }
    }
}

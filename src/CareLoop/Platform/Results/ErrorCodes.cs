namespace CareLoop.Platform.Results;

/// <summary>
/// Stable error codes returned in the <c>code</c> member of every problem detail.
/// Clients depend on them: add new ones, never rename.
/// </summary>
public static class ErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string ValidationFailed = "validation_failed";
    public const string MalformedJson = "malformed_json";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string AccountLocked = "account_locked";
    public const string UnknownTenant = "unknown_tenant";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string ConcurrencyConflict = "concurrency_conflict";
    public const string AntiforgeryFailed = "antiforgery_failed";
    public const string InvalidCulture = "invalid_culture";
    public const string TooManyRequests = "too_many_requests";
    public const string InternalError = "internal_error";

    public const string UserNameTaken = "user_name_taken";
    public const string WeakPassword = "weak_password";
    public const string UnknownRole = "unknown_role";
    public const string CannotLockYourself = "cannot_lock_yourself";
    public const string OutboxMessageNotDead = "outbox_message_not_dead";
    public const string SkuTaken = "sku_taken";
    public const string CategoryCodeTaken = "category_code_taken";
    public const string FaultCodeTaken = "fault_code_taken";
    public const string UnknownCategory = "unknown_category";
    public const string Duplicate = "duplicate";
    public const string CauseHasNoChildren = "cause_has_no_children";
    public const string InvalidPhone = "invalid_phone";
    public const string UnknownRegion = "unknown_region";
    public const string PhoneTaken = "phone_taken";
    public const string UnknownSku = "unknown_sku";
    public const string SerialFormat = "serial_format";
    public const string SerialTaken = "serial_taken";
    public const string InFuture = "in_future";
    public const string MustBeFuture = "must_be_future";
    public const string AlreadyDecided = "already_decided";
    public const string UpgradePending = "upgrade_pending";
    public const string OwnRequest = "own_request";
    public const string NoPhone = "no_phone";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string InvalidSignature = "invalid_signature";
    public const string ShopMismatch = "shop_mismatch";
    public const string UnknownBrand = "unknown_brand";
    public const string QrSignatureInvalid = "qr_signature_invalid";
    public const string CodeRecentlySent = "code_recently_sent";
    public const string VerificationWrong = "verification_wrong";
    public const string VerificationExpired = "verification_expired";
    public const string VerificationLocked = "verification_locked";
    public const string SameOwner = "same_owner";
    public const string ImportHeaders = "import_headers";
    public const string SheetType = "sheet_type";
    public const string EmptySheet = "empty_sheet";
    public const string UnknownRegionName = "unknown_region_name";
    public const string IllegalTransition = "illegal_transition";
    public const string OutsideBusinessHours = "outside_business_hours";
    public const string TooFewPhotos = "too_few_photos";
    public const string BarcodeMismatch = "barcode_mismatch";
    public const string QuoteNotApproved = "quote_not_approved";
    public const string UnknownUnit = "unknown_unit";
    public const string UnknownCustomer = "unknown_customer";
    public const string NotAnEngineer = "not_an_engineer";
    public const string DuplicateRequest = "duplicate_request";
    public const string ServiceRequestNotOpen = "service_request_not_open";
    public const string RegionPrefix = "region_prefix";
    public const string UnknownListPage = "unknown_list_page";
    public const string SavedViewNameTaken = "saved_view_name_taken";
    public const string IntegrationKeyRevoked = "integration_key_revoked";
    public const string RejectionNotOpen = "rejection_not_open";
    public const string NoServiceArea = "no_service_area";
    public const string OutsideChina = "outside_china";
    public const string ShiftOverlap = "shift_overlap";
    public const string EndsBeforeStart = "ends_before_start";
    public const string RadiusNeedsHome = "radius_needs_home";
    public const string ProviderNameTaken = "provider_name_taken";
    public const string StationNameTaken = "station_name_taken";
    public const string EngineerProfileExists = "engineer_profile_exists";
    public const string EngineerNoPhone = "engineer_no_phone";
    public const string PrivacyNumbersExhausted = "privacy_numbers_exhausted";

    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string OutOfRange = "out_of_range";
    public const string InvalidFormat = "invalid_format";
    public const string FileTooLarge = "file_too_large";
    public const string FileType = "file_type";
    public const string OfferGone = "offer_gone";
    public const string NotWaiting = "not_waiting";
}

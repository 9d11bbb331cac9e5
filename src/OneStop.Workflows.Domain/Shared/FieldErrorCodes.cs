namespace OneStop.Workflows.Domain.Shared;

/// <summary>
/// Every field-error code (<see cref="FieldError.Code"/>, the <c>errorCodes</c> of a 400): stable dotted names the UI turns into
/// a text in the reader's language (<c>Field.{code}</c> in <c>SharedText*.resx</c>). A code names the kind of problem, the field
/// is where it is (the key of the error), so generic codes (<see cref="Required"/>, <see cref="TooLong"/> …) serve many fields.
/// The values a text names (lengths, limits, dates, echoed input) are the error's named arguments, given in each summary in
/// braces. Wire names: never change one; add a new code instead (ADR 0017).
/// </summary>
public static class FieldErrorCodes
{
    /// <summary>A value is required.</summary>
    public const string Required = "required";

    /// <summary>Longer than allowed ({max}).</summary>
    public const string TooLong = "too-long";

    /// <summary>Too short or too long ({min}, {max}).</summary>
    public const string LengthRange = "length-range";

    /// <summary>Control or formatting characters.</summary>
    public const string ControlCharacters = "control-characters";

    /// <summary>Leading or trailing spaces.</summary>
    public const string Padded = "padded";

    /// <summary>A page number out of range ({max}).</summary>
    public const string PageNumber = "page.number";

    /// <summary>A page size out of range ({max}).</summary>
    public const string PageSize = "page.size";

    /// <summary>A password shorter than the minimum ({min}).</summary>
    public const string PasswordTooShort = "password.too-short";

    /// <summary>A password containing the user name.</summary>
    public const string PasswordContainsUserName = "password.contains-user-name";

    /// <summary>One of the most common passwords.</summary>
    public const string PasswordCommon = "password.common";

    /// <summary>The current password does not match.</summary>
    public const string PasswordWrong = "password.wrong";

    /// <summary>The new password equals the current one.</summary>
    public const string PasswordUnchanged = "password.unchanged";

    /// <summary>A user name with characters other than a–z, digits, '.', '_', '-'.</summary>
    public const string UserNameFormat = "user-name.format";

    /// <summary>No role given ({roles}).</summary>
    public const string RoleRequired = "role.required";

    /// <summary>A role that does not exist ({value}, {roles}).</summary>
    public const string RoleUnknown = "role.unknown";

    /// <summary>The role works for a department ({role}).</summary>
    public const string DepartmentRequiredForRole = "department.required-for-role";

    /// <summary>The role works for no department ({role}).</summary>
    public const string DepartmentNotForRole = "department.not-for-role";

    /// <summary>Further departments for a role without a department ({role}).</summary>
    public const string FurtherDepartmentsNotForRole = "further-departments.not-for-role";

    /// <summary>More further departments than allowed ({max}).</summary>
    public const string FurtherDepartmentsTooMany = "further-departments.too-many";

    /// <summary>A further department named twice.</summary>
    public const string FurtherDepartmentsTwice = "further-departments.twice";

    /// <summary>The home department named as a further one ({department}).</summary>
    public const string FurtherDepartmentsHome = "further-departments.home";

    /// <summary>No department has that code ({department}).</summary>
    public const string DepartmentUnknown = "department.unknown";

    /// <summary>The department is retired ({department}).</summary>
    public const string DepartmentRetired = "department.retired";

    /// <summary>Not an active department ({department}).</summary>
    public const string DepartmentNotActive = "department.not-active";

    /// <summary>Not a department code ({value}).</summary>
    public const string DepartmentCodeInvalid = "department.code.invalid";

    /// <summary>A department code with characters other than a–z, digits, '-'.</summary>
    public const string DepartmentCodeFormat = "department.code.format";

    /// <summary>An empty department code in a list.</summary>
    public const string DepartmentCodeEmpty = "department.code.empty";

    /// <summary>A department the user does not work for ({department}, {departments}).</summary>
    public const string DepartmentNotYours = "department.not-yours";

    /// <summary>No date given.</summary>
    public const string DateRequired = "date.required";

    /// <summary>Not a date ({value}).</summary>
    public const string DateInvalid = "date.invalid";

    /// <summary>A date outside the supported dates ({date}, {first}, {last}).</summary>
    public const string DateOutsideSupported = "date.outside-supported";

    /// <summary>A year outside the supported years ({year}, {first}, {last}).</summary>
    public const string YearOutsideSupported = "year.outside-supported";

    /// <summary>A range that ends before it starts ({from}, {to}).</summary>
    public const string RangeBackwards = "range.backwards";

    /// <summary>More date ranges than allowed ({max}, {count}).</summary>
    public const string TooManyRanges = "calendar.too-many-ranges";

    /// <summary>More days than allowed ({max}, {count}).</summary>
    public const string TooManyDays = "calendar.too-many-days";

    /// <summary>Days outside the year ({days}, {year}).</summary>
    public const string NotInYear = "calendar.not-in-year";

    /// <summary>A day listed twice ({date}).</summary>
    public const string DayListedTwice = "calendar.day-listed-twice";

    /// <summary>A day both rest day and make-up working day ({date}).</summary>
    public const string DayBothRestAndWorking = "calendar.day-rest-and-working";

    /// <summary>An implausible number of working days ({count}, {min}, {max}).</summary>
    public const string CalendarWorkingDaysImplausible = "calendar.working-days-implausible";

    /// <summary>No rest days given.</summary>
    public const string CalendarRestDaysRequired = "calendar.rest-days-required";

    /// <summary>No region given.</summary>
    public const string RegionRequired = "regional.region-required";

    /// <summary>No local notice given.</summary>
    public const string RegionalSourceRequired = "regional.source-required";

    /// <summary>Regional adjustments with no day.</summary>
    public const string RegionalEmpty = "regional.empty";

    /// <summary>A regional rest day range without its holiday's name.</summary>
    public const string RegionalHolidayNameRequired = "regional.holiday-name-required";

    /// <summary>Overlapping regional rest day ranges ({days}, {other}, {otherDays}).</summary>
    public const string RegionalRestDaysOverlap = "regional.rest-days-overlap";

    /// <summary>A regional make-up day on a national holiday ({date}, {holiday}).</summary>
    public const string RegionalMakeUpOnNationalHoliday = "regional.make-up-on-national-holiday";

    /// <summary>A regional make-up day that is a national one ({date}).</summary>
    public const string RegionalMakeUpAlreadyNational = "regional.make-up-already-national";

    /// <summary>A regional make-up day that is already a working day ({date}).</summary>
    public const string RegionalMakeUpNotWeekend = "regional.make-up-not-weekend";

    /// <summary>A budget out of range ({max}).</summary>
    public const string BudgetRange = "deadline.budget-range";

    /// <summary>No or an unknown unit of days.</summary>
    public const string DeadlineUnit = "deadline.unit";

    /// <summary>No change of the simulated clock given.</summary>
    public const string ClockChangeMissing = "clock.change-missing";

    /// <summary>More than one change of the simulated clock given.</summary>
    public const string ClockChangeSeveral = "clock.change-several";

    /// <summary>Not a date-time with an offset ({value}).</summary>
    public const string ClockInstantInvalid = "clock.instant-invalid";

    /// <summary>Not a duration ({value}).</summary>
    public const string ClockDurationInvalid = "clock.duration-invalid";

    /// <summary>A duration in years or months ({value}).</summary>
    public const string ClockDurationYearsOrMonths = "clock.duration-years-or-months";

    /// <summary>A duration too long to add ({value}).</summary>
    public const string ClockDurationTooLong = "clock.duration-too-long";

    /// <summary>A change that would move the clock back.</summary>
    public const string ClockBackwards = "clock.backwards";

    /// <summary>A clock outside the supported dates ({first}, {last}).</summary>
    public const string ClockOutsideSupported = "clock.outside-supported";

    /// <summary>Not a named target ({value}).</summary>
    public const string ClockTargetUnknown = "clock.target-unknown";

    /// <summary>No working day after today within the supported dates.</summary>
    public const string ClockNoWorkingDay = "clock.no-working-day";

    /// <summary>No service item chosen.</summary>
    public const string ServiceItemRequired = "case.service-item.required";

    /// <summary>No service item has that code ({value}).</summary>
    public const string ServiceItemUnknown = "case.service-item.unknown";

    /// <summary>No applicant name, or a too long one ({max}).</summary>
    public const string ApplicantNameRequired = "case.applicant.name.required";

    /// <summary>No valid ID number or unified social credit code.</summary>
    public const string ApplicantIdNumberInvalid = "case.applicant.id-number.invalid";

    /// <summary>No valid mobile number.</summary>
    public const string ApplicantPhoneInvalid = "case.applicant.phone.invalid";

    /// <summary>No list of materials, or a material without a name.</summary>
    public const string MaterialsRequired = "case.materials.required";

    /// <summary>No delivery method chosen.</summary>
    public const string DeliveryMethodRequired = "case.delivery-method.required";

    /// <summary>A delivery method the item does not offer ({item}, {methods}).</summary>
    public const string DeliveryMethodNotOffered = "case.delivery-method.not-offered";

    /// <summary>No postal address for delivery by mail.</summary>
    public const string DeliveryAddressRequired = "case.delivery-address.required";

    /// <summary>A blank or too long optional idempotency key ({max}).</summary>
    public const string IdempotencyKeyOptional = "idempotency-key.optional";

    /// <summary>No or a too long idempotency key ({max}).</summary>
    public const string IdempotencyKeyRequired = "idempotency-key.required";

    /// <summary>No corrected material, or one without a name.</summary>
    public const string CorrectedMaterialsRequired = "corrections.materials.required";

    /// <summary>Not a delivery status that can be recorded.</summary>
    public const string DeliveryStatusInvalid = "delivery.status.invalid";

    /// <summary>Not an outcome of this task ({outcomes}).</summary>
    public const string OutcomeInvalid = "task.outcome.invalid";

    /// <summary>A review decision without an opinion.</summary>
    public const string OpinionRequired = "task.opinion.required";

    /// <summary>A refusal to accept without reasons.</summary>
    public const string RefusalReasonsRequired = "task.refusal-reasons.required";

    /// <summary>A return for correction without the items.</summary>
    public const string CorrectionsRequired = "task.corrections.required";

    /// <summary>The task is not a correction notice ({kind}).</summary>
    public const string TaskNotCorrectionNotice = "task.not-correction-notice";

    /// <summary>Not an active colleague who can take the task ({value}, {department}).</summary>
    public const string TransferNotColleague = "task.transfer.not-colleague";

    /// <summary>An extension out of range ({max}).</summary>
    public const string ExtensionDaysRange = "extension.days-range";

    /// <summary>An extension without its reason.</summary>
    public const string ExtensionReasonRequired = "extension.reason-required";

    /// <summary>No or an unknown suspension type ({types}).</summary>
    public const string SuspensionTypeInvalid = "suspension.type.invalid";

    /// <summary>A local suspension without its procedure.</summary>
    public const string SuspensionLocalTypeRequired = "suspension.local-type.required";

    /// <summary>Expected working days out of range ({max}).</summary>
    public const string SuspensionDaysRange = "suspension.days-range";

    /// <summary>A suspension without the written notice.</summary>
    public const string SuspensionNoticeRequired = "suspension.notice.required";

    /// <summary>Not a clock id.</summary>
    public const string ClockIdInvalid = "clock.id.invalid";

    /// <summary>A derivation too long to show ({count}, {max}).</summary>
    public const string ClockWalkTooLong = "clock.walk-too-long";

    /// <summary>A figures range of too many months ({max}, {from}, {to}, {count}).</summary>
    public const string FiguresTooManyMonths = "figures.too-many-months";

    /// <summary>No or a malformed item code ({max}).</summary>
    public const string ServiceItemCodeFormat = "item.code.format";

    /// <summary>A body code that differs from the path's ({value}, {code}).</summary>
    public const string ServiceItemCodeChanged = "item.code.changed";

    /// <summary>A null material.</summary>
    public const string MaterialNull = "item.material.null";

    /// <summary>A material count out of range ({max}).</summary>
    public const string MaterialCountRange = "item.material.count-range";

    /// <summary>Co-reviewing departments repeated or the lead.</summary>
    public const string CoDepartmentsDistinct = "item.co-departments.distinct";

    /// <summary>A limit out of range ({max}).</summary>
    public const string LimitRange = "item.limit.range";

    /// <summary>A promised limit longer than the statutory one.</summary>
    public const string PromisedExceedsStatutory = "item.promised-exceeds-statutory";

    /// <summary>No delivery method.</summary>
    public const string DeliveryMethodsRequired = "item.delivery-methods.required";

    /// <summary>A workflow definition without a published version ({value}).</summary>
    public const string WorkflowNotPublished = "item.workflow.not-published";

    /// <summary>Working days out of range ({min}, {max}, {value}).</summary>
    public const string WorkingDaysRange = "supervision.working-days-range";
}

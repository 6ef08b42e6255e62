namespace Ferry.Query.Common;

/// <summary>
/// MongoDB's error codes (src/mongo/base/error_codes.yml) that Ferry raises, with factories so the
/// code and its name never drift apart.
/// </summary>
public static class ErrorCodes
{
    public const int BadValue = 2;
    public const int NoSuchKey = 4;
    public const int FailedToParse = 9;
    public const int TypeMismatch = 14;
    public const int InvalidLength = 16;
    public const int IllegalOperation = 20;
    public const int NamespaceNotFound = 26;
    public const int IndexNotFound = 27;
    public const int PathNotViable = 28;
    public const int ConflictingUpdateOperators = 40;
    public const int CursorNotFound = 43;
    public const int NamespaceExists = 48;
    public const int DollarPrefixedFieldName = 52;
    public const int InvalidIdField = 53;
    public const int NotSingleValueField = 54;
    public const int InvalidDBRef = 55;
    public const int EmptyFieldName = 56;
    public const int DottedFieldName = 57;
    public const int NoSuchIndex = 61;   // not used by current servers; kept for completeness
    public const int ImmutableField = 66;
    public const int CannotCreateIndex = 67;
    public const int IndexAlreadyExists = 68;
    public const int InvalidOptions = 72;
    public const int InvalidNamespace = 73;
    public const int IndexOptionsConflict = 85;
    public const int IndexKeySpecsConflict = 86;
    public const int CommandNotFound = 59;
    public const int OperationFailed = 96;
    public const int DocumentValidationFailure = 121;
    public const int CommandNotSupported = 115;
    public const int InvalidIndexSpecificationOption = 197;
    public const int QueryExceededMemoryLimitNoDiskUseAllowed = 292;
    public const int Location10334 = 10334;      // BSONObj size invalid
    public const int DuplicateKey = 11000;
    public const int BsonObjectTooLarge = 10334;
    public const int MaxTimeMsExpired = 50;
    public const int Interrupted = 11601;

    public static MqlException Create(int code, string message) => new(code, NameOf(code), message);

    public static MqlException Bad(string message) => Create(BadValue, message);

    public static MqlException Parse(string message) => Create(FailedToParse, message);

    public static MqlException Type(string message) => Create(TypeMismatch, message);

    /// <summary>The code name MongoDB reports for a code; "Location&lt;code&gt;" for assertion-style codes.</summary>
    public static string NameOf(int code) => code switch
    {
        BadValue => "BadValue",
        NoSuchKey => "NoSuchKey",
        FailedToParse => "FailedToParse",
        TypeMismatch => "TypeMismatch",
        InvalidLength => "InvalidLength",
        IllegalOperation => "IllegalOperation",
        NamespaceNotFound => "NamespaceNotFound",
        IndexNotFound => "IndexNotFound",
        PathNotViable => "PathNotViable",
        ConflictingUpdateOperators => "ConflictingUpdateOperators",
        CursorNotFound => "CursorNotFound",
        NamespaceExists => "NamespaceExists",
        MaxTimeMsExpired => "MaxTimeMSExpired",
        DollarPrefixedFieldName => "DollarPrefixedFieldName",
        InvalidIdField => "InvalidIdField",
        NotSingleValueField => "NotSingleValueField",
        InvalidDBRef => "InvalidDBRef",
        EmptyFieldName => "EmptyFieldName",
        DottedFieldName => "DottedFieldName",
        CommandNotFound => "CommandNotFound",
        ImmutableField => "ImmutableField",
        CannotCreateIndex => "CannotCreateIndex",
        IndexAlreadyExists => "IndexAlreadyExists",
        InvalidOptions => "InvalidOptions",
        InvalidNamespace => "InvalidNamespace",
        IndexOptionsConflict => "IndexOptionsConflict",
        IndexKeySpecsConflict => "IndexKeySpecsConflict",
        OperationFailed => "OperationFailed",
        CommandNotSupported => "CommandNotSupported",
        DocumentValidationFailure => "DocumentValidationFailure",
        InvalidIndexSpecificationOption => "InvalidIndexSpecificationOption",
        QueryExceededMemoryLimitNoDiskUseAllowed => "QueryExceededMemoryLimitNoDiskUseAllowed",
        DuplicateKey => "DuplicateKey",
        Interrupted => "Interrupted",
        _ => "Location" + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

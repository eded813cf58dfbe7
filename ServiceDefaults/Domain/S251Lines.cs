namespace Platform.ServiceDefaults.Domain;

/// <summary>
/// Section 251 children's social care budget lines, as stable codes shared by every service that charges
/// cost to a line. The statutory line numbers change between years; these codes do not. A published definition
/// (the DfE's S251), kept once beside the other shared domain types so every service's domain may use it; messages
/// carry the codes as text.
/// </summary>
public static class S251Lines
{
    public const string ResidentialCare = "residential-care";
    public const string FosteringServices = "fostering-services";
    public const string OtherLookedAfterServices = "other-looked-after-services";
    public const string FamilyAndFriendsPlacements = "family-and-friends";
    public const string LeavingCare = "leaving-care";
    public const string AsylumSeekers = "asylum-seekers";
    public const string AdoptionServices = "adoption-services";
    public const string SpecialGuardianship = "special-guardianship";
    public const string FamilySupport = "family-support";
    public const string YouthJustice = "youth-justice";
    public const string SocialWork = "social-work";
    public const string Commissioning = "commissioning";
    public const string ManagementAndSupport = "management-and-support";

    /// <summary>Every code with the S251 line it stands for.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [ResidentialCare] = "Children looked after: residential care",
        [FosteringServices] = "Children looked after: fostering services",
        [OtherLookedAfterServices] = "Children looked after: other children looked after services",
        [FamilyAndFriendsPlacements] = "Children looked after: children placed with family and friends",
        [LeavingCare] = "Children looked after: leaving care support services",
        [AsylumSeekers] = "Children looked after: asylum seekers",
        [AdoptionServices] = "Other children and family services: adoption services",
        [SpecialGuardianship] = "Other children and family services: special guardianship support",
        [FamilySupport] = "Family support services",
        [YouthJustice] = "Youth justice",
        [SocialWork] = "Safeguarding: social work",
        [Commissioning] = "Safeguarding: commissioning and children's services strategy",
        [ManagementAndSupport] = "Management and support",
    };
}

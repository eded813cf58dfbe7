namespace Platform.ServiceDefaults.Model;

// Public here, for the apps and the tests that reference ServiceDefaults; internal where PlatformModel.cs is compiled in.
public static partial class PlatformModel;

using System.Runtime.Versioning;

// ConnStorm measures Linux; so do its tests. Off Linux the [LinuxFact]/[LabFact] tests skip.
[assembly: SupportedOSPlatform("linux")]

using System.Text.Json;
using System.Text.Json.Serialization;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// The search answers' JSON, generated at build time: the API's conventions (camelCase, UTC times) as the runtime
/// options have them, without reflection over the types per answer. Written as UTF-8 straight to the response.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(SessionPage))]
[JsonSerializable(typeof(ViewPage))]
[JsonSerializable(typeof(MapSessionPage))]
[JsonSerializable(typeof(MapViewPage))]
[JsonSerializable(typeof(MapSessionDto))]
internal sealed partial class SessionListJson : JsonSerializerContext;

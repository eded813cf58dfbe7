using System.Text;

namespace Platform.Placements.Infrastructure;

/// <summary>
/// Reads text lines from a stream with a cap on line length, so a hostile body without line breaks cannot make the
/// service buffer it whole: an over-long line is skipped (reported as too long) without being kept.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineLength) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;

    /// <summary>The next line without its line break (CR LF or LF), or null at the end; <c>TooLong</c> when it was skipped.</summary>
    public async Task<(string? Line, bool TooLong)> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var tooLong = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_length == 0) return _line.Length == 0 && !tooLong ? (null, false) : (Finish(), tooLong);
            }
            var newline = Array.IndexOf(_buffer, '\n', _position, _length - _position);
            var end = newline < 0 ? _length : newline;
            if (!tooLong)
            {
                _line.Append(_buffer, _position, end - _position);
                if (_line.Length > maxLineLength)
                {
                    tooLong = true;
                    _line.Clear();
                }
            }
            _position = newline < 0 ? _length : newline + 1;
            if (newline >= 0) return (tooLong ? "" : Finish(), tooLong);
        }
    }

    public void Dispose() => _reader.Dispose();

    private string Finish()
    {
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        return _line.ToString();
    }
}

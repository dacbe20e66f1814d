import Foundation
import Player
import Remote

/// The remote socket's requests as player commands (the remote is one more source of
/// `PlayerCommand`s, beside keys and the command line), and the snapshot as `RemoteStatus`.
enum RemoteBridge {
    /// Runs on the remote server's connection thread, so `nameItems` may read storage here.
    static func respond(to request: RemoteRequest, player: Player,
                        nameItems: ([QueueItem]) -> [QueueItem] = { $0 }) -> RemoteResponse {
        switch request {
        case .play: player.send(.play)
        case .pause: player.send(.pause)
        case .toggle: player.send(.togglePause)
        case .next: player.send(.next)
        case .prev: player.send(.previous)
        case .stop: player.send(.stop)
        case .seek(let seconds, let relative):
            guard player.snapshot.current != nil else { return .failure("nothing to seek in") }
            player.send(relative ? .seekBy(seconds: seconds) : .seek(toSeconds: seconds))
        case .volume(let percent, let relative):
            player.send(relative ? .adjustVolume(by: percent) : .setVolume(percent: percent))
        case .add(let source):
            switch SourceItems.resolve(source) {
            case .success(.items(let items)): player.send(.enqueue(nameItems(items), at: .end))
            case .success(.playlist(let path)): player.send(.importPlaylist(path: path))
            case .failure(let error): return .failure(error.description)
            }
        case .clear: player.send(.clearQueue)
        case .status: return .status(status(of: player.snapshot))
        }
        return .done
    }

    static func status(of snapshot: PlayerSnapshot) -> RemoteStatus {
        let state: RemoteStatus.State = switch snapshot.state {
        case .playing: .playing
        case .paused: .paused
        case .stopped: .stopped
        case .waiting: .waiting
        }
        let repeatMode: RemoteStatus.RepeatMode = switch snapshot.repeatMode {
        case .off: .off
        case .all: .all
        case .one: .one
        }
        let item = snapshot.current?.item
        return RemoteStatus(state: state, artist: item?.artist, title: item?.title, album: item?.album,
                            location: item?.location.description, elapsed: snapshot.elapsedSeconds,
                            duration: snapshot.durationSeconds, volume: snapshot.volumePercent,
                            shuffle: snapshot.shuffle, repeatMode: repeatMode, queueLength: snapshot.entries.count,
                            queuePosition: snapshot.currentIndex.map { $0 + 1 },
                            waiting: snapshot.waitingFor.map { "\($0.summary): \($0.reason)" })
    }
}

import flax.linen as nn


class Tagger(nn.Module):
    @nn.compact
    def __call__(self, x, train=True):
        h = nn.RNN(nn.LSTMCell(64))(x)
        h = nn.BatchNorm(use_running_average=not train)(h)  # expect: BN405
        return nn.Dense(5)(h)

import flax.linen as nn
import jax.numpy as jnp


class Generator(nn.Module):
    @nn.compact
    def __call__(self, z, train: bool = True):
        x = nn.Dense(7 * 7 * 64, use_bias=False)(z)
        x = nn.BatchNorm(use_running_average=not train)(x)
        x = nn.relu(x).reshape((-1, 7, 7, 64))
        x = nn.ConvTranspose(1, (4, 4), strides=(4, 4), use_bias=False)(x)
        return jnp.tanh(x)


class Discriminator(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool = True):
        x = nn.Conv(64, (4, 4), strides=(2, 2), use_bias=False)(x)
        x = nn.BatchNorm(use_running_average=not train)(x)  # expect: BN406
        x = nn.leaky_relu(x, 0.2)
        return nn.Dense(1)(x.reshape((x.shape[0], -1)))

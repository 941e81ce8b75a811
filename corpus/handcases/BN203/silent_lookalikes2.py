import tensorflow as tf
from tensorflow import keras


class Block(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(32, use_bias=False)
        self.bn = keras.layers.BatchNormalization()

    def call(self, x, training=None):
        return tf.nn.relu(self.bn(self.dense(x), training=training))


block = Block()
head = keras.layers.Dense(1)
opt = keras.optimizers.Adam()


def step(x, y, training):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(head(block(x, training=training)) - y))
    variables = block.trainable_variables + head.trainable_variables
    opt.apply_gradients(zip(tape.gradient(loss, variables), variables))
    return loss


generator = keras.Sequential([keras.layers.Dense(64, use_bias=False), keras.layers.BatchNormalization(), keras.layers.Dense(784)])
discriminator = keras.Sequential([keras.layers.Dense(64), keras.layers.Dropout(0.3), keras.layers.Dense(1)])


@tf.function
def gan_step(images, noise):
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        fake = generator(noise, training=True)
        real_out = discriminator(images, training=True)
        fake_out = discriminator(fake, training=True)
        g_loss = -tf.reduce_mean(fake_out)
        d_loss = tf.reduce_mean(fake_out) - tf.reduce_mean(real_out)
    generator.optimizer.apply_gradients(zip(gen_tape.gradient(g_loss, generator.trainable_variables), generator.trainable_variables))

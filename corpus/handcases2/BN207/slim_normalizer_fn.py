import tensorflow as tf
import tf_slim as slim


def net(images, is_training):
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                        normalizer_params={"is_training": is_training, "decay": 0.997}):
        x = slim.conv2d(images, 32, [3, 3])
        x = slim.conv2d(x, 64, [3, 3])
    return slim.fully_connected(slim.flatten(x), 10, activation_fn=None)


logits = net(images, is_training=True)
loss = tf.losses.softmax_cross_entropy(labels, logits)
optimizer = tf.train.GradientDescentOptimizer(0.01)
train_op = optimizer.minimize(loss)  # expect: BN207
